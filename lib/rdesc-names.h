/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names of HID usage pages and usages. The tables are generated at build
 * time by lib/hut-gen.py from lib/hut.ids (the HUT section of usb.ids);
 * pages whose usages follow a formula (Buttons, Ordinal, Unicode) and the
 * vendor-defined pages 0xff00-0xffff are named by rules in rdesc-names.c.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct rdesc_hut_page {
	uint16_t page;
	const char *name;
};

struct rdesc_hut_usage {
	uint16_t page;
	uint16_t usage;
	const char *name;
};

/* generated, sorted by page, then usage */
extern const struct rdesc_hut_page rdesc_hut_pages[];
extern const size_t rdesc_hut_n_pages;
extern const struct rdesc_hut_usage rdesc_hut_usages[];
extern const size_t rdesc_hut_n_usages;

/*
 * The name of a usage page into buf ("Generic Desktop Controls", "Vendor
 * Defined Page 0xff00", or "0x1234" when unknown). Returns buf.
 */
const char *rdesc_page_name(uint16_t page, char *buf, size_t len);

/*
 * The name of a usage of a page into buf ("Mouse", "Button 5", "Instance
 * 3", "U+0041"), or "0x0038" when unknown. Returns buf. *known (if not
 * NULL) says whether a name was found.
 */
const char *rdesc_usage_name(uint16_t page, uint16_t usage, char *buf, size_t len, int *known);
