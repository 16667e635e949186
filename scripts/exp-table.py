#!/usr/bin/env python3
"""Prints segsim_exp_table (Sources/CGSL/shim.h): for j in 0..<128, 2^(j/128) = H(1 + T) with H
the double nearest to it and T the double nearest to the relative remainder; the table holds
bits(T) and bits(H) - (j << 45). Computed with 60 significant digits, then rounded once."""
import struct
from decimal import Decimal, getcontext
from fractions import Fraction

getcontext().prec = 60
ln2 = Decimal(2).ln()
bits = lambda d: struct.unpack("<Q", struct.pack("<d", d))[0]
values = []
for j in range(128):
    exact = Fraction((ln2 * j / 128).exp())
    head = float(exact)                              # correctly rounded
    tail = float((exact - Fraction(head)) / Fraction(head))
    values += [bits(tail), (bits(head) - (j << 45)) % 2**64]
for i in range(0, 256, 4):
    print("    " + ", ".join(f"0x{v:016x}" for v in values[i:i + 4]) + ",")
