/*
 * diag.h - one-line diagnostics about inputs, on stderr.
 *
 * Format: "recoupe: INPUT[:LINE][@OFFSET]: LEVEL: message". Every message
 * about bad input names the input (and line or byte offset when known) and
 * the reason. Counters let the CLI decide the exit status.
 */
#ifndef RC_DIAG_H
#define RC_DIAG_H

/* Report a problem with an input that made it (or part of it) fail.
 * line <= 0 and offset < 0 mean "not applicable". */
void rc_diag_error(const char *input, long line, long long offset,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Report something recoverable (the input still went in). */
void rc_diag_warn(const char *input, long line, long long offset,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Informational note, printed only when verbose. */
void rc_diag_info(const char *input, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* 0: normal, 1: verbose, -1: quiet (errors only). */
void rc_diag_set_level(int level);
/* Number of rc_diag_error calls so far. */
unsigned long rc_diag_errors(void);
/* Number of rc_diag_warn calls so far. */
unsigned long rc_diag_warnings(void);

#endif
