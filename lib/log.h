/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One logger for every hidfix program. Messages go to stderr as
 * "prog: device: message"; the device prefix is omitted when NULL.
 */
#pragma once

#include <stdbool.h>

#include "macros.h"

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

void log_set_program(const char *name);
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

_printf_(3, 4) void log_msg(enum log_level level, const char *device, const char *fmt, ...);

#define log_error(dev, ...) log_msg(LOG_LEVEL_ERROR, dev, __VA_ARGS__)
#define log_warn(dev, ...)  log_msg(LOG_LEVEL_WARN, dev, __VA_ARGS__)
#define log_info(dev, ...)  log_msg(LOG_LEVEL_INFO, dev, __VA_ARGS__)
#define log_debug(dev, ...) log_msg(LOG_LEVEL_DEBUG, dev, __VA_ARGS__)

/* Log at error level and return the given negative errno. */
#define log_error_errno(dev, r, ...)         \
	({                                   \
		log_error(dev, __VA_ARGS__); \
		(r);                         \
	})
