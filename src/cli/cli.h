/*
 * cli.h - the command line: recoupe COMMAND [OPTIONS] [ARGS].
 *
 * Exit status: 0 when every input went in (or the command succeeded), 1 when
 * some inputs failed (each one reported), 2 on usage errors.
 */
#ifndef RC_CLI_H
#define RC_CLI_H

#define RECOUPE_VERSION "0.1.0"

enum { RC_EXIT_OK = 0, RC_EXIT_SOME_FAILED = 1, RC_EXIT_USAGE = 2 };

/* Run the program with argc/argv; returns the exit status. */
int rc_cli_main(int argc, char **argv);

#endif
