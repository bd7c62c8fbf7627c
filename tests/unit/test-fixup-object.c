// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fixup metadata reader and the HID name parser: object file names,
 * the wildcard rules of device matching, and the metadata of the objects
 * the build produced (checked against the devices' USB ids).
 */
#include <errno.h>
#include <stdlib.h>

#include "fixup-object.h"
#include "hid-device.h"
#include "macros.h"
#include "test-common.h"

static void
test_name_parse(void)
{
	char *name = NULL, *family = NULL;
	int version = 0;

	CHECK_INT_EQ(fixup_name_parse("/x/0010-Rapoo__M50.bpf.o", &name, &family, &version), 0);
	CHECK_STR_EQ(name, "0010-Rapoo__M50");
	CHECK_STR_EQ(family, "Rapoo__M50");
	CHECK_INT_EQ(version, 10);
	free(name);
	free(family);

	/* no version prefix: the whole name is the family */
	CHECK_INT_EQ(fixup_name_parse("my-fix.bpf.o", &name, &family, &version), 0);
	CHECK_STR_EQ(family, "my-fix");
	CHECK_INT_EQ(version, -1);
	free(name);
	free(family);

	/* three digits are not a version */
	CHECK_INT_EQ(fixup_name_parse("010-X.o", &name, &family, &version), 0);
	CHECK_STR_EQ(name, "010-X");
	CHECK_INT_EQ(version, -1);
	free(name);
	free(family);

	/* the sources an object is built from */
	CHECK_INT_EQ(fixup_name_parse("fixups/testing/0010-A__B.bpf.c", &name, &family, &version),
		     0);
	CHECK_STR_EQ(name, "0010-A__B");
	CHECK_STR_EQ(family, "A__B");
	free(name);
	free(family);
	CHECK_INT_EQ(fixup_name_parse("0020-Rapoo__M50.patch", &name, &family, &version), 0);
	CHECK_STR_EQ(family, "Rapoo__M50");
	CHECK_INT_EQ(version, 20);
	free(name);
	free(family);
	/* only the last suffix goes */
	CHECK_INT_EQ(fixup_name_parse("0010-X.patch.bpf.o", &name, &family, &version), 0);
	CHECK_STR_EQ(name, "0010-X.patch");
	free(name);
	free(family);

	CHECK_INT_EQ(fixup_name_parse(".bpf.o", &name, &family, &version), -EINVAL);
	CHECK_INT_EQ(fixup_name_parse(".patch", &name, &family, &version), -EINVAL);
}

static void
test_matching(void)
{
	const struct fixup_device_id exact = { 0x03, 0x0001, 0x24AE, 0x2015 };
	const struct fixup_device_id any_bus = { 0, 0x0004, 0, 0 };

	CHECK(fixup_device_id_matches(&exact, 0x03, 0x0001, 0x24AE, 0x2015));
	CHECK(!fixup_device_id_matches(&exact, 0x05, 0x0001, 0x24AE, 0x2015));
	CHECK(!fixup_device_id_matches(&exact, 0x03, 0x0004, 0x24AE, 0x2015));
	CHECK(!fixup_device_id_matches(&exact, 0x03, 0x0001, 0x24AE, 0x2016));
	CHECK(fixup_device_id_matches(&any_bus, 0x18, 0x0004, 0x1234, 0x5678));
	CHECK(!fixup_device_id_matches(&any_bus, 0x18, 0x0001, 0x1234, 0x5678));
}

static void
test_hid_name(void)
{
	uint16_t bus;
	uint32_t vid, pid;
	unsigned id;

	CHECK_INT_EQ(hid_name_parse("0003:24AE:2015.0004", &bus, &vid, &pid, &id), 0);
	CHECK_INT_EQ(bus, 3);
	CHECK_INT_EQ(vid, 0x24AE);
	CHECK_INT_EQ(pid, 0x2015);
	CHECK_INT_EQ(id, 4);
	CHECK_INT_EQ(hid_name_parse("0018:048D:8987.00AB", &bus, &vid, &pid, &id), 0);
	CHECK_INT_EQ(id, 0xAB);
	CHECK_INT_EQ(hid_name_parse("0003:24AE:2015", NULL, NULL, NULL, NULL), -EINVAL);
	CHECK_INT_EQ(hid_name_parse("0003:24AE:20G5.0004", NULL, NULL, NULL, NULL), -EINVAL);
	CHECK_INT_EQ(hid_name_parse("10003:24AE:2015.0004", NULL, NULL, NULL, NULL), -EINVAL);
	CHECK_INT_EQ(hid_name_parse("0003::2015.0004", NULL, NULL, NULL, NULL), -EINVAL);
	CHECK_INT_EQ(hid_name_parse("", NULL, NULL, NULL, NULL), -EINVAL);
}

static void
check_object(const char *file, uint32_t vid, uint32_t pid, const char *hook)
{
	_cleanup_(fixup_object_freep) struct fixup_object *obj = NULL;
	_cleanup_free_ char *path = NULL;
	char err[256] = "";
	bool found = false;

	REQUIRE(asprintf(&path, "%s/%s", FIXUPS_DIR, file) > 0);
	obj = fixup_object_read(path, err, sizeof(err));
	if (!obj)
		fprintf(stderr, "%s: %s\n", path, err);
	REQUIRE(obj);
	REQUIRE(obj->n_ids == 1);
	CHECK_INT_EQ(obj->ids[0].bus, 0x03);
	CHECK_INT_EQ(obj->ids[0].group, 0x0001);
	CHECK_INT_EQ(obj->ids[0].vid, vid);
	CHECK_INT_EQ(obj->ids[0].pid, pid);
	CHECK_INT_EQ(obj->version, 10);
	CHECK(obj->has_probe);
	CHECK_STR_EQ(obj->license, "GPL");
	for (size_t i = 0; i < obj->n_hooks; i++)
		found |= !strcmp(obj->hooks[i].hook, hook);
	CHECK(found);
	CHECK(fixup_object_matches(obj, 0x03, 0x0001, vid, pid));
	CHECK(!fixup_object_matches(obj, 0x05, 0x0001, vid, pid));
}

static void
test_built_objects(void)
{
	check_object("0010-Rapoo__M50-Plus-Silent.bpf.o", 0x24AE, 0x2015, "hid_rdesc_fixup");
	check_object("0010-Mistel__MD770.bpf.o", 0x04D9, 0x0339, "hid_rdesc_fixup");
	check_object("0010-FR-TEC__Raptor-Mach-2.bpf.o", 0x11C0, 0x5606, "hid_device_event");
}

static void
test_bad_objects(void)
{
	char err[256] = "";

	errno = 0;
	CHECK(!fixup_object_read("/nonexistent.bpf.o", err, sizeof(err)));
	CHECK_INT_EQ(errno, ENOENT);
	CHECK(!fixup_object_read("/proc/self/exe", err, sizeof(err)));
	CHECK(strstr(err, "not a BPF object") != NULL);
}

int
main(void)
{
	static const struct test_case tests[] = {
		TEST(test_name_parse),	  TEST(test_matching),	  TEST(test_hid_name),
		TEST(test_built_objects), TEST(test_bad_objects),
	};

	return test_run_all(tests, ARRAY_SIZE(tests));
}
