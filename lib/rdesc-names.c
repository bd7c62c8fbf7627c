// SPDX-License-Identifier: GPL-2.0-only
/*
 * Usage page and usage names: the generated HUT tables, plus the rules for
 * the pages whose usages the table does not list one by one.
 */
#include <stdio.h>
#include <stdlib.h>

#include "rdesc-names.h"

#define PAGE_BUTTON  0x09
#define PAGE_ORDINAL 0x0a
#define PAGE_UNICODE 0x10

static int
page_cmp(const void *key, const void *elem)
{
	const struct rdesc_hut_page *k = key, *e = elem;

	return (int)k->page - (int)e->page;
}

static int
usage_cmp(const void *key, const void *elem)
{
	const struct rdesc_hut_usage *k = key, *e = elem;

	if (k->page != e->page)
		return (int)k->page - (int)e->page;
	return (int)k->usage - (int)e->usage;
}

const char *
rdesc_page_name(uint16_t page, char *buf, size_t len)
{
	struct rdesc_hut_page key = { .page = page };
	const struct rdesc_hut_page *p;

	if (page >= 0xff00) {
		snprintf(buf, len, "Vendor Defined Page 0x%04x", page);
		return buf;
	}
	p = bsearch(&key, rdesc_hut_pages, rdesc_hut_n_pages, sizeof(*p), page_cmp);
	if (p)
		snprintf(buf, len, "%s", p->name);
	else
		snprintf(buf, len, "0x%04x", page);
	return buf;
}

const char *
rdesc_usage_name(uint16_t page, uint16_t usage, char *buf, size_t len, int *known)
{
	struct rdesc_hut_usage key = { .page = page, .usage = usage };
	const struct rdesc_hut_usage *u = NULL;

	if (known)
		*known = 1;
	if (page < 0xff00)
		u = bsearch(&key, rdesc_hut_usages, rdesc_hut_n_usages, sizeof(*u), usage_cmp);
	if (u)
		snprintf(buf, len, "%s", u->name);
	else if (page == PAGE_BUTTON && usage)
		snprintf(buf, len, "Button %u", usage);
	else if (page == PAGE_ORDINAL && usage)
		snprintf(buf, len, "Instance %u", usage);
	else if (page == PAGE_UNICODE)
		snprintf(buf, len, "U+%04X", usage);
	else {
		snprintf(buf, len, "0x%04x", usage);
		if (known)
			*known = 0;
	}
	return buf;
}
