/*
 * stagetime.h - CPU (or wall) seconds spent per named stage, summed over a run and
 * printed on request (`recoupe report --timings`, RECOUPE_TIMINGS=1).
 *
 * The table is process-wide and guarded by a mutex, so worker threads may
 * add to it; each stage is timed with the calling thread's CPU clock. At
 * most RC_STAGETIME_MAX stage names; more are dropped silently. Names are
 * borrowed and must be string literals (or outlive the process).
 */
#ifndef RC_UTIL_STAGETIME_H
#define RC_UTIL_STAGETIME_H
#include <stdio.h>

enum { RC_STAGETIME_MAX = 32 };

/* CPU seconds used so far by the calling thread. */
double rc_stagetime_now(void);

/* Seconds on the monotonic clock: wall time, for rc_stagetime_add_wall
 * and for anything timed by the wall (batch ages). */
double rc_stagetime_wall_now(void);

/* Add secs of CPU (and one call) to stage name. */
void rc_stagetime_add(const char *name, double secs);

/* Add secs of CPU and calls calls to stage name: work timed as one
 * block that stands for several calls (the documents of a batch). */
void rc_stagetime_add_calls(const char *name, double secs, unsigned long calls);

/* Add secs of wall-clock time (and one call) to stage name: a stage that
 * waits, or runs beside others, reported as "s wall". */
void rc_stagetime_add_wall(const char *name, double secs);

/* Print one line per stage, in first-use order, "stage  N.NNN s CPU (k
 * calls)" ("s wall" for rc_stagetime_add_wall's stages), to f; nothing
 * when no stage was timed. */
void rc_stagetime_print(FILE *f);

/* Forget every stage (tests). */
void rc_stagetime_reset(void);

#endif
