#ifndef SEGSIM_CGSL_SHIM_H
#define SEGSIM_CGSL_SHIM_H

#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hyperg.h>

// Swift 6 rejects GSL's mutable generator-type globals as not concurrency-safe;
// these accessors hand out the (immutable) type descriptors instead.
static inline const gsl_rng_type *segsim_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *segsim_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *segsim_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }

// One uniform on (0,1) without the extra call level of gsl_rng_uniform_pos, for hot paths.
static inline double segsim_rng_uniform_pos(const gsl_rng *r) {
    double x;
    do { x = (r->type->get_double)(r->state); } while (x == 0);
    return x;
}

// Exponential with mean mu by inversion of a uniform on (0,1) from GSL's generator. GSL's own
// gsl_ran_exponential computes -mu*log1p(-u), and glibc's log1p took 39% of an M/M/1 run; log is
// several times cheaper and 1-U has the same law as U, so the distribution is unchanged.
static inline double segsim_ran_exponential(const gsl_rng *r, double mu) {
    return -mu * log(segsim_rng_uniform_pos(r));
}

// A hint to fetch the cache line at p for writing, which Swift cannot express: the behaviour
// stream prefetches the records of the customers it will step next (a customer idle for days is a
// cache miss otherwise). Never faults, whatever p is.
static inline void segsim_prefetch(const void *p) { __builtin_prefetch(p, 1, 3); }

#endif
