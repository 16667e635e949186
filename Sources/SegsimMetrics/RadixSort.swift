/// Sorts 64-bit keys by their upper 32 bits, keeping the order of keys with equal upper bits
/// (a stable least-significant-digit radix sort in three passes of 11, 11 and 10 bits).
///
/// ``ScoreRanking`` puts the score in the upper half and the outcome in the lower half of keys
/// created in customer order, so stability keeps equal scores in customer order; O(n), several
/// times faster than a comparison sort on 10⁷ customers.
/// - Complexity: O(n) time, n extra keys of memory.
func radixSortByUpperHalf(_ keys: inout [UInt64]) {
    let n = keys.count
    guard n > 1 else { return }
    var buffer = [UInt64](repeating: 0, count: n)
    var counts = [Int](repeating: 0, count: 2048)
    for shift in stride(from: 32, to: 64, by: 11) {
        let digitMask: UInt64 = 0x7FF
        var singleBucket = false
        counts.withUnsafeMutableBufferPointer { count in
            count.update(repeating: 0)
            keys.withUnsafeBufferPointer { source in
                for key in source { count[Int(truncatingIfNeeded: (key >> UInt64(shift)) & digitMask)] &+= 1 }
            }
            singleBucket = count.contains(n)
            // Exclusive prefix sums: where each digit's run starts.
            var start = 0
            for digit in 0..<count.count {
                let size = count[digit]
                count[digit] = start
                start &+= size
            }
        }
        guard !singleBucket else { continue }   // every key has this digit: the pass is the identity
        counts.withUnsafeMutableBufferPointer { next in
            keys.withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { target in
                    for key in source {
                        let digit = Int(truncatingIfNeeded: (key >> UInt64(shift)) & digitMask)
                        target[next[digit]] = key
                        next[digit] &+= 1
                    }
                }
            }
        }
        swap(&keys, &buffer)
    }
}
