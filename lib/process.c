// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "process.h"
#include "time-util.h"

#define POLL_STEP_MS 50

int
process_run_status(const char *const *argv, unsigned timeout_ms, const char *what,
		   const char *device, int *status)
{
	uint64_t start;
	pid_t pid;
	int r;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		r = negative_errno();
		return log_error_errno(device, r, "fork: %s", strerror(-r));
	}
	if (pid == 0) {
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}

	start = now_ms();
	for (;;) {
		pid_t w = waitpid(pid, status, WNOHANG);

		if (w == pid)
			return 0;
		if (w < 0 && errno != EINTR) {
			r = negative_errno();
			return log_error_errno(device, r, "waitpid: %s", strerror(-r));
		}
		if (timeout_ms && now_ms() - start > timeout_ms) {
			log_error(device, "'%s' did not finish within %u s, killing it", what,
				  timeout_ms / 1000);
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			return -ETIMEDOUT;
		}
		sleep_ms(POLL_STEP_MS);
	}
}

int
process_run(const char *const *argv, unsigned timeout_ms, const char *what, const char *device)
{
	int status, r;

	r = process_run_status(argv, timeout_ms, what, device, &status);
	if (r < 0)
		return r;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		log_error(device, "'%s' exited 127 (could it execute %s?)", what, argv[0]);
	else if (WIFEXITED(status))
		log_error(device, "'%s' exited %d", what, WEXITSTATUS(status));
	else
		log_error(device, "'%s' killed by signal %d", what,
			  WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -EIO;
}
