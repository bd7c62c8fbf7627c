/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running a child program and waiting for it with a time limit, for the
 * tools and tests that start the hidfix loader or a test script.
 */
#pragma once

/*
 * Run argv[0] (a path: no PATH lookup) with argv (NULL-terminated) and
 * wait for it, at most timeout_ms (0: no limit); when the time is up the
 * child is killed (SIGKILL) and reaped. *status is its waitpid() status,
 * whatever it is. Returns 0 when the child finished, else logs one line
 * with device as the prefix and returns -ETIMEDOUT or the -errno of fork
 * or waitpid.
 */
int process_run_status(const char *const *argv, unsigned timeout_ms, const char *what,
		       const char *device, int *status);

/*
 * The same for a child that must succeed. Returns 0 when it exited 0.
 * Otherwise logs one line, "'what' exited 1" (exited 127: could it execute
 * argv[0]?; killed by signal; did not finish within the time) and returns
 * -EIO, -ETIMEDOUT or the -errno of fork or waitpid.
 */
int process_run(const char *const *argv, unsigned timeout_ms, const char *what, const char *device);
