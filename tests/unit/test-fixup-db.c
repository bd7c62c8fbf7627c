// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver database parser's per-entry keys, the min-kernel
 * comparison the loader uses and the index lookup (lib/fixup-db.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "fixup-db.h"
#include "macros.h"
#include "test-common.h"

static void
test_kernel_at_least(void)
{
	/* uname -r of the VM kernel and of Debian trixie's own */
	CHECK_INT_EQ(kernel_at_least("7.3.4+deb13-amd64", "6.11"), 1);
	CHECK_INT_EQ(kernel_at_least("6.12.57+deb13-amd64", "6.11"), 1);
	CHECK_INT_EQ(kernel_at_least("6.12.57+deb13-amd64", "6.12"), 1);
	CHECK_INT_EQ(kernel_at_least("6.12.57+deb13-amd64", "6.13"), 0);
	/* minor numbers compare as numbers, not strings */
	CHECK_INT_EQ(kernel_at_least("6.9.0", "6.11"), 0);
	CHECK_INT_EQ(kernel_at_least("6.11", "6.9"), 1);
	CHECK_INT_EQ(kernel_at_least("7.0.1", "6.99"), 1);
	CHECK_INT_EQ(kernel_at_least("5.15.0-91-generic", "6.11"), 0);
	CHECK_INT_EQ(kernel_at_least("7.3.4", "99.0"), 0);
	/* malformed */
	CHECK_INT_EQ(kernel_at_least("", "6.11"), -EINVAL);
	CHECK_INT_EQ(kernel_at_least("seven", "6.11"), -EINVAL);
	CHECK_INT_EQ(kernel_at_least("7", "6.11"), -EINVAL);
	CHECK_INT_EQ(kernel_at_least("7.3.4", "6"), -EINVAL);
	CHECK_INT_EQ(kernel_at_least("7.3.4", "6.x"), -EINVAL);
}

/* write text to a temporary fixups.db and parse it */
static struct fixup_db *
parse(const char *text, char *err, size_t errlen)
{
	char path[] = "/tmp/test-fixup-db.XXXXXX";
	int fd = mkstemp(path);
	struct fixup_db *db;
	ssize_t len = strlen(text);

	if (fd < 0)
		return NULL;
	if (write(fd, text, len) != len) {
		close(fd);
		unlink(path);
		return NULL;
	}
	close(fd);
	db = fixup_db_read(path, err, errlen);
	unlink(path);
	return db;
}

static void
test_entry_keys(void)
{
	_cleanup_(fixup_db_freep) struct fixup_db *db = NULL;
	const struct fixup_db_entry *e;
	char err[512] = "";

	db = parse("# comment\n"
		   "[0010-Rapoo__M50-Plus-Silent]\n"
		   "vendor = Rapoo\n"
		   "product =  M50 Plus Silent  \n"
		   "fixes = side buttons\n"
		   "status = stable\n"
		   "min-kernel = 6.11\n"
		   "test = fixup-rapoo-m50-plus-silent\n"
		   "recording = tests/replay/rapoo-m50-plus-silent/device.hid\n"
		   "[0010-Aureal__W01RN]\n"
		   "vendor = Aureal\nproduct = W01RN\nfixes = keys\nstatus = testing\n"
		   "native = hid-aureal\nparity = yes\noracle-test = oracle-aureal\n",
		   err, sizeof(err));
	REQUIRE(db);
	e = fixup_db_find(db, "0010-Rapoo__M50-Plus-Silent");
	REQUIRE(e);
	CHECK_STR_EQ(e->vendor, "Rapoo");
	CHECK_STR_EQ(e->product, "M50 Plus Silent");
	CHECK_STR_EQ(e->min_kernel, "6.11");
	CHECK_STR_EQ(e->test, "fixup-rapoo-m50-plus-silent");
	CHECK_STR_EQ(e->recording, "tests/replay/rapoo-m50-plus-silent/device.hid");
	CHECK_INT_EQ(e->line, 2);
	CHECK(!e->native && !e->parity && !e->oracle_test);
	e = fixup_db_find(db, "0010-Aureal__W01RN");
	REQUIRE(e);
	CHECK_STR_EQ(e->native, "hid-aureal");
	CHECK_STR_EQ(e->parity, "yes");
	CHECK_STR_EQ(e->oracle_test, "oracle-aureal");
}

static void
test_entry_errors(void)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{ "[0010-A__B]\nvendor = A\nproduct = B\nfixes = x\nstatus = stable\n"
		  "recording = a\nrecording = b\n",
		  ":7: key 'recording' appears twice in [0010-A__B]" },
		{ "[0010-A__B]\nvendor = A\nproduct = B\nfixes = x\nstatus = stable\nrecord = a\n",
		  ":6: unknown key 'record'" },
		{ "[0010-A__B]\nvendor = A\nproduct = B\nfixes = x\nstatus = stable\n"
		  "min-kernel = 6\n",
		  ":6: min-kernel '6' is not a version like 6.11" },
		{ "[0010-A__B]\nvendor = A\nfixes = x\nstatus = stable\n",
		  ":1: [0010-A__B]: missing key 'product'" },
		{ "[0010-A__B]\nvendor = A\nproduct = B\nfixes = x\nstatus = stable\n"
		  "native = hid-a\nparity = mostly\noracle-test = t\n",
		  ":7: parity 'mostly' is not one of yes, descriptor" },
		{ "[0010-A__B]\nvendor = A\nproduct = B\nfixes = x\nstatus = stable\n"
		  "native = aureal\nparity = yes\noracle-test = t\n",
		  ":6: native 'aureal' is not a kernel HID driver (hid-NAME)" },
		{ "[0010-A__B]\nvendor = A\nproduct = B\nfixes = x\nstatus = stable\n"
		  "native = hid-a\noracle-test = t\n",
		  ":1: [0010-A__B]: native, parity and oracle-test go together (all or none)" },
		{ "[0010-A__B]\nvendor = A\nproduct = B\nfixes = x\nstatus = stable\n"
		  "parity = yes\n[0010-C__D]\n",
		  ":1: [0010-A__B]: native, parity and oracle-test go together (all or none)" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		_cleanup_(fixup_db_freep) struct fixup_db *db = NULL;
		char err[512] = "";

		db = parse(cases[i].text, err, sizeof(err));
		CHECK(!db);
		CHECK(strstr(err, cases[i].message));
		if (!strstr(err, cases[i].message))
			fprintf(stderr, "  case %zu: got \"%s\"\n", i, err);
	}
}

/* Look a device up in an index with the given text; names joined by ','. */
static int
lookup(const char *text, uint16_t bus, uint16_t group, uint32_t vid, uint32_t pid, char *out,
       size_t len)
{
	char path[] = "/tmp/test-fixup-index.XXXXXX";
	int fd = mkstemp(path), r;
	ssize_t n = strlen(text);
	char **names = NULL;
	size_t nn = 0, off = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, n) != n) {
		close(fd);
		unlink(path);
		return -EIO;
	}
	close(fd);
	r = fixup_index_lookup(path, bus, group, vid, pid, &names, &nn);
	unlink(path);
	out[0] = '\0';
	for (size_t i = 0; i < nn && off < len; i++)
		off += snprintf(out + off, len - off, "%s%s", i ? "," : "", names[i]);
	fixup_names_free(names, nn);
	return r;
}

/*
 * The same lines through both paths: bisection of a generated (sorted)
 * index and the scan of any other file. Expected: by hand from the
 * wildcard rule (an index field matches the device's value or 0).
 */
static void
test_index_lookup(void)
{
	static const char lines[] = "0000 0000 000004D9 00000000 0010-Any__04D9\n"
				    "0003 0000 00000000 00000000 0010-Any__Usb\n"
				    "0003 0000 000024AE 00002015 0010-Rapoo__M50\n"
				    "0003 0000 000024AE 00002015 0020-Rapoo__M50\n"
				    "0003 0001 000004D9 00000339 0010-Mistel__MD770\n"
				    "0005 0000 000024AE 00002015 0010-Rapoo__Bt\n";
	static const struct {
		uint16_t bus, group;
		uint32_t vid, pid;
		const char *want;
	} cases[] = {
		{ 0x0003, 0x0001, 0x24AE, 0x2015, "0010-Any__Usb,0010-Rapoo__M50,0020-Rapoo__M50" },
		{ 0x0003, 0x0001, 0x04D9, 0x0339,
		  "0010-Any__04D9,0010-Any__Usb,0010-Mistel__MD770" },
		{ 0x0003, 0x0002, 0x04D9, 0x0339, "0010-Any__04D9,0010-Any__Usb" },
		{ 0x0005, 0x0001, 0x24AE, 0x2015, "0010-Rapoo__Bt" },
		{ 0x0018, 0x0001, 0x1234, 0x5678, "" },
		{ 0x0003, 0x0000, 0x24AE, 0x2015, "0010-Any__Usb,0010-Rapoo__M50,0020-Rapoo__M50" },
	};
	char generated[1024], got[512];

	snprintf(generated, sizeof(generated), "# generated by test\n# columns\n%s", lines);
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		CHECK_INT_EQ(lookup(generated, cases[i].bus, cases[i].group, cases[i].vid,
				    cases[i].pid, got, sizeof(got)),
			     0);
		CHECK_STR_EQ(got, cases[i].want);
		CHECK_INT_EQ(lookup(lines, cases[i].bus, cases[i].group, cases[i].vid, cases[i].pid,
				    got, sizeof(got)),
			     0);
		CHECK_STR_EQ(got, cases[i].want);
	}
	/* a malformed line where the bisection reads, and an empty index */
	CHECK_INT_EQ(lookup("# generated by test\n0003 0000 24AE 2015 0010-A__B\n", 3, 1, 0x24AE,
			    0x2015, got, sizeof(got)),
		     -EBADMSG);
	CHECK_INT_EQ(
		lookup("0003 0000 24AE 2015 0010-A__B\n", 3, 1, 0x24AE, 0x2015, got, sizeof(got)),
		-EBADMSG);
	CHECK_INT_EQ(lookup("# generated by test\n", 3, 1, 0x24AE, 0x2015, got, sizeof(got)), 0);
	CHECK_STR_EQ(got, "");
}

int
main(void)
{
	static const struct test_case tests[] = {
		TEST(test_kernel_at_least),
		TEST(test_entry_keys),
		TEST(test_entry_errors),
		TEST(test_index_lookup),
	};

	return test_run_all(tests, ARRAY_SIZE(tests));
}
