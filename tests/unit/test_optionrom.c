/* PCI option ROM / VBIOS parser, on images built by tests/support/rombuild.c
 * and on the committed fixtures in tests/fixtures/roms/.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "probe/optionrom.h"
#include "tests/support/rombuild.h"
#include "tests/support/testutil.h"

static const struct rb_atom mi300x_atom = {
	.part_number = "113-M3000100-102",
	.asic = "MI300X",
	.pci_type = "PCI_EXPRESS",
	.memory_type = "HBM3",
	.model = "AMD INSTINCT MI300X SYNTHETIC   ",
	.date = "08/15/23 10:20:33",
	.version = "022.040.003.043.000001",
	.subsystem_vendor_id = 0x1002,
	.subsystem_id = 0x74a1,
};

static void build(const struct rb_image *im, size_t n, struct rb_rom *r)
{
	assert_true(rb_build(im, n, 0, 0, r));
}

static void parse_ok(const struct rb_rom *r, struct oprom *rom)
{
	struct tpp_error err = { 0 };
	assert_int_equal(oprom_parse("t.rom", r->data, r->size, rom, &err), 0);
	assert_int_equal(err.status, 0);
}

static bool has_problem(const struct oprom_problems *pr, const char *needle)
{
	for (size_t i = 0; i < pr->n; i++)
		if (strstr(pr->msg[i], needle))
			return true;
	return false;
}

/* An NVIDIA-shaped ROM: PC-AT image with a BIT table, EFI, a type 0xe0 image with NPDS. */
static void build_nvidia(struct rb_rom *r, const char *version)
{
	const struct rb_image im[] = {
		{ .code_type = 0, .vendor_id = 0x10de, .device_id = 0x2684, .class_code = 0x030000, .length_512 = 8,
		  .npde = true, .nv_version = version },
		{ .code_type = 3, .vendor_id = 0x10de, .device_id = 0x2684, .class_code = 0x030000, .length_512 = 4,
		  .npde = true, .efi_compression = 1 },
		{ .code_type = 0xe0, .vendor_id = 0x10de, .device_id = 0x2684, .class_code = 0x030000, .length_512 = 3,
		  .signature = "NPDS" },
	};
	build(im, 3, r);
}

static void test_legacy_image_fields(void **state)
{
	(void)state;
	const struct rb_image im = { .code_type = 0, .vendor_id = 0x10de, .device_id = 0x2684,
		.class_code = 0x030000, .code_revision = 0x1234, .length_512 = 16 };
	struct rb_rom r;
	struct oprom rom;
	build(&im, 1, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.size, 8192);
	assert_int_equal(rom.n_images, 1);
	const struct oprom_image *i0 = &rom.images[0];
	assert_int_equal(i0->offset, 0);
	assert_int_equal(i0->signature, 0xaa55);
	assert_int_equal(i0->legacy_init_size_512, 16);
	assert_true(i0->has_pcir);
	assert_string_equal(i0->pcir_signature, "PCIR");
	assert_int_equal(i0->pcir_offset, RB_LEGACY_PCIR_AT);
	assert_int_equal(i0->vendor_id, 0x10de);
	assert_int_equal(i0->device_id, 0x2684);
	assert_int_equal(i0->class_code, 0x030000);
	assert_int_equal(i0->pcir_revision, 3);
	assert_int_equal(i0->pcir_length, 28);
	assert_int_equal(i0->length_512, 16);
	assert_int_equal(i0->length, 8192);
	assert_int_equal(i0->code_revision, 0x1234);
	assert_int_equal(i0->code_type, OPROM_CODE_X86);
	assert_int_equal(i0->indicator, 0x80);
	assert_true(i0->last);
	assert_false(i0->efi.present);
	assert_false(i0->has_npde);
	assert_int_equal(i0->n_device_ids, 0);
	assert_int_equal(i0->problems.n, 0);
	assert_int_equal(rom.problems.n, 0);
	assert_int_equal(rom.trailing_bytes, 0);
	assert_false(rom.nvidia.has_bit);
	assert_false(rom.atom.present);
	assert_null(oprom_vbios_version(&rom));
	assert_ptr_equal(oprom_primary_image(&rom), i0);
	rb_free(&r);
}

static void test_class_code_byte_order(void **state)
{
	(void)state;
	const struct rb_image im = { .vendor_id = 0x10de, .device_id = 0x2330, .class_code = 0x030201, .length_512 = 2 };
	struct rb_rom r;
	struct oprom rom;
	build(&im, 1, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.images[0].class_code, 0x030201);   /* base 03, sub 02, prog-if 01 */
	rb_free(&r);
}

static void test_legacy_and_efi_chain(void **state)
{
	(void)state;
	const struct rb_image im[] = {
		{ .code_type = 0, .vendor_id = 0x8086, .device_id = 0x56c0, .class_code = 0x038000, .length_512 = 4 },
		{ .code_type = 3, .vendor_id = 0x8086, .device_id = 0x56c0, .class_code = 0x038000, .length_512 = 6,
		  .efi_subsystem = 12, .efi_machine = 0xaa64, .efi_compression = 1 },
	};
	struct rb_rom r;
	struct oprom rom;
	build(im, 2, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.n_images, 2);
	assert_false(rom.images[0].last);
	assert_false(rom.images[0].efi.present);
	const struct oprom_image *e = &rom.images[1];
	assert_int_equal(e->offset, 2048);
	assert_int_equal(e->code_type, OPROM_CODE_EFI);
	assert_true(e->last);
	assert_true(e->efi.present);
	assert_int_equal(e->efi.init_size_512, 6);
	assert_int_equal(e->efi.subsystem, 12);
	assert_int_equal(e->efi.machine, 0xaa64);
	assert_int_equal(e->efi.compression, 1);
	assert_int_equal(e->efi.image_offset, RB_EFI_PE_AT);
	assert_int_equal(e->pcir_offset, RB_EFI_PCIR_AT);
	assert_int_equal(e->problems.n, 0);
	assert_int_equal(rom.problems.n, 0);
	rb_free(&r);
}

static void test_efi_problems(void **state)
{
	(void)state;
	const struct rb_image im = { .code_type = 3, .vendor_id = 0x8086, .device_id = 0x56c0, .length_512 = 4 };
	struct rb_rom r;
	struct oprom rom;

	build(&im, 1, &r);
	rb_put32(&r, 4, 0);                       /* no EFI signature */
	parse_ok(&r, &rom);
	assert_false(rom.images[0].efi.present);
	assert_true(has_problem(&rom.images[0].problems, "no EFI signature"));
	rb_free(&r);

	build(&im, 1, &r);
	rb_put16(&r, 2, 5);                       /* initialization size beyond the image */
	parse_ok(&r, &rom);
	assert_true(has_problem(&rom.images[0].problems, "initialization size 2560 bytes does not fit"));
	rb_free(&r);

	build(&im, 1, &r);
	rb_put16(&r, RB_EFI_PE_AT, 0);            /* uncompressed, but no PE image */
	parse_ok(&r, &rom);
	assert_true(has_problem(&rom.images[0].problems, "no PE image"));
	rb_free(&r);

	build(&im, 1, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.images[0].problems.n, 0);   /* the intact image has none */
	rb_free(&r);
}

static void test_device_list(void **state)
{
	(void)state;
	static const uint16_t ids[] = { 0x2684, 0x2685, 0x2689 };
	const struct rb_image im = { .vendor_id = 0x10de, .device_id = 0x2684, .class_code = 0x030000,
		.length_512 = 2, .device_ids = ids, .n_device_ids = 3 };
	struct rb_rom r;
	struct oprom rom;
	build(&im, 1, &r);
	parse_ok(&r, &rom);
	const struct oprom_image *i0 = &rom.images[0];
	assert_int_equal(i0->n_device_ids, 3);
	assert_int_equal(i0->device_ids[0], 0x2684);
	assert_int_equal(i0->device_ids[1], 0x2685);
	assert_int_equal(i0->device_ids[2], 0x2689);
	assert_int_equal(i0->device_list_offset, 0x20);   /* 28 bytes, rounded up to 16 */
	assert_int_equal(i0->problems.n, 0);

	/* A list that never ends inside the file. */
	rb_put16(&r, rb_pcir_offset(&r, 0) + 8, (uint16_t)(r.size - rb_pcir_offset(&r, 0) - 4));
	rb_put16(&r, r.size - 4, 0x1111);
	rb_put16(&r, r.size - 2, 0x2222);
	parse_ok(&r, &rom);
	assert_int_equal(rom.images[0].n_device_ids, 2);
	assert_true(has_problem(&rom.images[0].problems, "runs past the end"));
	rb_free(&r);
}

static void test_device_list_cap_and_pci2(void **state)
{
	(void)state;
	uint16_t ids[40];
	for (size_t i = 0; i < 40; i++)
		ids[i] = (uint16_t)(0x1000 + i);
	const struct rb_image im = { .vendor_id = 0x10de, .device_id = 0x1000, .length_512 = 2, .device_ids = ids,
		.n_device_ids = 40 };
	struct rb_rom r;
	struct oprom rom;
	build(&im, 1, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.images[0].n_device_ids, OPROM_MAX_DEVICE_IDS);
	assert_int_equal(rom.images[0].device_ids[31], 0x101f);
	assert_true(has_problem(&rom.images[0].problems, "more than 32"));
	rb_free(&r);

	/* PCI 2.x: offset 8 is not a device list even when it is not 0. */
	const struct rb_image old = { .vendor_id = 0x1002, .device_id = 0x6798, .length_512 = 2, .pci2 = true };
	build(&old, 1, &r);
	rb_put16(&r, rb_pcir_offset(&r, 0) + 8, 0x40);
	parse_ok(&r, &rom);
	assert_int_equal(rom.images[0].pcir_revision, 0);
	assert_int_equal(rom.images[0].pcir_length, 24);
	assert_int_equal(rom.images[0].n_device_ids, 0);
	assert_int_equal(rom.images[0].device_list_offset, 0);
	rb_free(&r);
}

static void test_npds_and_signatures(void **state)
{
	(void)state;
	static const char *const good[] = { "NPDS", "RGIS" };
	struct rb_rom r;
	struct oprom rom;
	for (size_t i = 0; i < 2; i++) {
		const struct rb_image im = { .vendor_id = 0x10de, .device_id = 0x2330, .length_512 = 2,
			.signature = good[i] };
		build(&im, 1, &r);
		parse_ok(&r, &rom);
		assert_true(rom.images[0].has_pcir);
		assert_string_equal(rom.images[0].pcir_signature, good[i]);
		assert_int_equal(rom.images[0].device_id, 0x2330);
		rb_free(&r);
	}
	const struct rb_image bad = { .vendor_id = 0x10de, .device_id = 0x2330, .length_512 = 2, .signature = "PCIX" };
	build(&bad, 1, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.n_images, 1);
	assert_false(rom.images[0].has_pcir);
	assert_true(has_problem(&rom.images[0].problems, "not PCIR or NPDS"));
	assert_null(oprom_primary_image(&rom));
	rb_free(&r);
}

/* nouveau takes the length and last flag from NVIDIA's NPDE extension. */
static void test_npde_overrides_pcir(void **state)
{
	(void)state;
	const struct rb_image im[] = {
		{ .vendor_id = 0x10de, .device_id = 0x2684, .length_512 = 6, .npde = true },
		{ .code_type = 3, .vendor_id = 0x10de, .device_id = 0x2684, .length_512 = 2, .npde = true },
	};
	struct rb_rom r;
	struct oprom rom;
	build(im, 2, &r);
	size_t pcir = rb_pcir_offset(&r, 0);
	rb_put16(&r, pcir + 0x10, 2);      /* PCIR says 1 KiB, NPDE says 3 KiB */
	rb_put8(&r, pcir + 0x15, 0x80);    /* and PCIR says last, NPDE does not */
	parse_ok(&r, &rom);
	assert_true(rom.images[0].has_npde);
	assert_int_equal(rom.images[0].length_512, 2);
	assert_int_equal(rom.images[0].npde_length_512, 6);
	assert_int_equal(rom.images[0].length, 3072);
	assert_false(rom.images[0].last);
	assert_int_equal(rom.n_images, 2);
	assert_int_equal(rom.images[1].offset, 3072);
	assert_int_equal(rom.problems.n, 0);

	size_t npde = (pcir + 28 + 15) & ~(size_t)15;
	rb_put16(&r, npde + 8, 0);         /* an invalid NPDE length falls back to PCIR's */
	parse_ok(&r, &rom);
	assert_int_equal(rom.images[0].length, 1024);
	assert_true(rom.images[0].last);
	assert_true(has_problem(&rom.images[0].problems, "NPDE) length 0 is invalid"));
	rb_free(&r);
}

static void test_last_flag_honoured(void **state)
{
	(void)state;
	const struct rb_image im[] = {
		{ .vendor_id = 0x10de, .device_id = 1, .length_512 = 2 },
		{ .vendor_id = 0x10de, .device_id = 2, .length_512 = 2, .force_last = true },
		{ .vendor_id = 0x10de, .device_id = 3, .length_512 = 4 },
	};
	struct rb_rom r;
	struct oprom rom;
	build(im, 3, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.n_images, 2);
	assert_int_equal(rom.images[1].device_id, 2);
	assert_true(rom.images[1].last);
	assert_int_equal(rom.trailing_bytes, 2048);
	assert_int_equal(rom.problems.n, 0);
	rb_free(&r);
}

static void test_missing_last_flag(void **state)
{
	(void)state;
	const struct rb_image im[] = {
		{ .vendor_id = 0x10de, .device_id = 1, .length_512 = 2 },
		{ .vendor_id = 0x10de, .device_id = 2, .length_512 = 2, .not_last = true },
	};
	struct rb_rom r;
	struct oprom rom;
	build(im, 2, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.n_images, 2);
	assert_false(rom.images[1].last);
	assert_true(has_problem(&rom.problems, "the file ends after image 1, which has no last-image flag"));
	rb_free(&r);

	/* Padding after an image without the flag: no 55 AA where the next should be. */
	assert_true(rb_build(im, 2, 0, 4096, &r));
	parse_ok(&r, &rom);
	assert_true(has_problem(&rom.problems, "no image at 0x800 where image 1 ends (found ff ff"));
	assert_int_equal(rom.trailing_bytes, 2048);
	rb_free(&r);
}

static void test_bad_image_length(void **state)
{
	(void)state;
	const struct rb_image im[] = {
		{ .vendor_id = 0x10de, .device_id = 1, .length_512 = 2 },
		{ .vendor_id = 0x10de, .device_id = 2, .length_512 = 2 },
	};
	static const struct { uint16_t len; const char *reason; } cases[] = {
		{ 0, "image length is 0: the next image would start where this one does (a loop)" },
		{ 0xffff, "image length is 0xFFFF" },
		{ 9, "truncated: the image claims 4608 bytes but only 1024 remain" },
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct rb_rom r;
		struct oprom rom;
		build(im, 2, &r);
		rb_put16(&r, rb_pcir_offset(&r, 1) + 0x10, cases[c].len);
		parse_ok(&r, &rom);
		assert_int_equal(rom.n_images, 2);
		assert_int_equal(rom.images[0].problems.n, 0);       /* the good image is still reported */
		assert_int_equal(rom.images[0].device_id, 1);
		assert_true(rom.images[1].has_pcir);
		assert_int_equal(rom.images[1].device_id, 2);
		assert_true(has_problem(&rom.images[1].problems, cases[c].reason));
		rb_free(&r);
	}
}

static void test_bad_pointers(void **state)
{
	(void)state;
	const struct rb_image im = { .vendor_id = 0x10de, .device_id = 1, .length_512 = 2 };
	struct rb_rom r;
	struct oprom rom;

	build(&im, 1, &r);
	rb_put16(&r, 0x18, 0xfff0);
	parse_ok(&r, &rom);
	assert_int_equal(rom.n_images, 1);
	assert_false(rom.images[0].has_pcir);
	assert_true(has_problem(&rom.images[0].problems, "points past the end of the file"));
	rb_free(&r);

	build(&im, 1, &r);
	rb_put16(&r, 0x18, 0);
	parse_ok(&r, &rom);
	assert_true(has_problem(&rom.images[0].problems, "the pointer at 0x18 is 0"));
	rb_free(&r);

	build(&im, 1, &r);
	rb_put16(&r, 0x18, (uint16_t)(r.size - 8));   /* "PCIR" fits, the structure does not */
	memcpy(r.data + r.size - 8, "PCIR", 4);
	parse_ok(&r, &rom);
	assert_false(rom.images[0].has_pcir);
	assert_true(has_problem(&rom.images[0].problems, "needs 24 bytes, 8 remain"));
	rb_free(&r);
}

static void test_signature_without_structure(void **state)
{
	(void)state;
	uint8_t buf[512] = { 0x55, 0xaa };
	struct oprom rom;
	struct tpp_error err = { 0 };
	assert_int_equal(oprom_parse("sig.rom", buf, sizeof(buf), &rom, &err), 0);
	assert_int_equal(rom.n_images, 1);
	assert_false(rom.images[0].has_pcir);
	assert_true(has_problem(&rom.images[0].problems, "no PCI data structure"));

	uint8_t tiny[2] = { 0x55, 0xaa };
	assert_int_equal(oprom_parse("tiny.rom", tiny, sizeof(tiny), &rom, &err), 0);
	assert_true(has_problem(&rom.images[0].problems, "needs 26 bytes, 2 remain"));
}

static void test_not_a_rom(void **state)
{
	(void)state;
	struct oprom rom;
	struct tpp_error err = { 0 };
	const uint8_t text[] = "hello, this is not a ROM";
	assert_int_equal(oprom_parse("text.bin", text, sizeof(text), &rom, &err), -1);
	assert_int_equal(err.status, TPP_EX_DATAERR);
	assert_string_equal(err.msg,
		"text.bin: not a PCI option ROM: no 55 AA signature at offset 0 or before a PCI data structure");

	tpp_error_clear(&err);
	assert_int_equal(oprom_parse("empty.rom", text, 0, &rom, &err), -1);
	assert_int_equal(err.status, TPP_EX_DATAERR);
	assert_string_equal(err.msg, "empty.rom: empty file: not an option ROM");

	/* 55 AA on a 512-byte boundary without a data structure is not a ROM start. */
	uint8_t buf[1024] = { 0 };
	buf[512] = 0x55;
	buf[513] = 0xaa;
	tpp_error_clear(&err);
	assert_int_equal(oprom_parse("late.bin", buf, sizeof(buf), &rom, &err), -1);
	uint8_t one[1] = { 0x55 };
	tpp_error_clear(&err);
	assert_int_equal(oprom_parse("one.bin", one, 1, &rom, &err), -1);
}

static void test_prefix_and_padding(void **state)
{
	(void)state;
	const struct rb_image im[] = {
		{ .vendor_id = 0x10de, .device_id = 0x2684, .length_512 = 8, .nv_version = "95.02.18.80.87" },
		{ .code_type = 3, .vendor_id = 0x10de, .device_id = 0x2684, .length_512 = 2 },
	};
	struct rb_rom r;
	struct oprom rom;
	assert_true(rb_build(im, 2, 1536, 16384, &r));
	parse_ok(&r, &rom);
	assert_int_equal(rom.rom_offset, 1536);
	assert_int_equal(rom.n_images, 2);
	assert_int_equal(rom.images[0].offset, 1536);
	assert_int_equal(rom.images[1].offset, 1536 + 4096);
	assert_int_equal(rom.trailing_bytes, 16384 - 1536 - 5120);
	assert_true(has_problem(&rom.notes, "1536 bytes before it were skipped"));
	assert_int_equal(rom.problems.n, 0);
	assert_string_equal(rom.nvidia.version_str, "95.02.18.80.87");
	assert_int_equal(rom.nvidia.bit_offset, 1536 + RB_BIT_AT);
	rb_free(&r);
}

static void test_image_count_cap(void **state)
{
	(void)state;
	struct rb_image im[20];
	for (size_t i = 0; i < 20; i++)
		im[i] = (struct rb_image){ .vendor_id = 0x1af4, .device_id = (uint16_t)i, .length_512 = 2 };
	struct rb_rom r;
	struct oprom rom;
	build(im, 20, &r);
	parse_ok(&r, &rom);
	assert_int_equal(rom.n_images, OPROM_MAX_IMAGES);
	assert_int_equal(rom.images[15].device_id, 15);
	assert_true(has_problem(&rom.problems, "stopped after 16 images"));
	rb_free(&r);
}

static void test_nvidia_version(void **state)
{
	(void)state;
	struct rb_rom r;
	struct oprom rom;
	build_nvidia(&r, "95.02.18.80.87");
	parse_ok(&r, &rom);
	assert_int_equal(rom.n_images, 3);
	assert_true(rom.nvidia.has_bit);
	assert_int_equal(rom.nvidia.bit_offset, RB_BIT_AT);
	assert_int_equal(rom.nvidia.bit_version, 0x0100);
	assert_true(rom.nvidia.has_version);
	assert_int_equal(rom.nvidia.version_token, 'B');
	assert_int_equal(rom.nvidia.version[0], 0x95);
	assert_int_equal(rom.nvidia.version[1], 0x02);
	assert_int_equal(rom.nvidia.version[2], 0x18);
	assert_int_equal(rom.nvidia.version[3], 0x80);
	assert_int_equal(rom.nvidia.version[4], 0x87);
	assert_string_equal(rom.nvidia.version_str, "95.02.18.80.87");
	assert_string_equal(oprom_vbios_version(&rom), "95.02.18.80.87");
	assert_int_equal(rom.problems.n, 0);
	assert_string_equal(rom.images[2].pcir_signature, "NPDS");
	assert_int_equal(rom.images[2].code_type, 0xe0);
	assert_true(rom.images[2].last);

	/* Byte order: the dword is little-endian, printed high byte first. */
	const uint8_t raw[] = { 0x01, 0x02, 0x03, 0x04, 0x05 };
	memcpy(r.data + RB_BIT_B_DATA_AT, raw, 5);
	memcpy(r.data + RB_BIT_I_DATA_AT, raw, 5);
	parse_ok(&r, &rom);
	assert_string_equal(rom.nvidia.version_str, "04.03.02.01.05");
	rb_free(&r);
}

static void test_nvidia_tokens(void **state)
{
	(void)state;
	struct rb_rom r;
	struct oprom rom;
	size_t tok_b = RB_BIT_AT + 12 + 6, tok_i = RB_BIT_AT + 12 + 12;

	/* No 'B': the 'i' token, as nouveau reads it. */
	build_nvidia(&r, "96.00.89.00.01");
	rb_put8(&r, tok_b, 'X');
	parse_ok(&r, &rom);
	assert_int_equal(rom.nvidia.version_token, 'i');
	assert_string_equal(rom.nvidia.version_str, "96.00.89.00.01");
	rb_free(&r);

	/* 'B' and 'i' disagree: 'B' wins and the difference is a problem. */
	build_nvidia(&r, "96.00.89.00.01");
	rb_put8(&r, RB_BIT_I_DATA_AT + 4, 0x02);
	parse_ok(&r, &rom);
	assert_string_equal(rom.nvidia.version_str, "96.00.89.00.01");
	assert_true(has_problem(&rom.problems, "'B' version 96.00.89.00.01 differs from 'i' version 96.00.89.00.02"));
	rb_free(&r);

	/* Neither token, a pointer past the end, a bad checksum. */
	build_nvidia(&r, "96.00.89.00.01");
	rb_put8(&r, tok_b, 'X');
	rb_put8(&r, tok_i, 'Y');
	parse_ok(&r, &rom);
	assert_true(rom.nvidia.has_bit);
	assert_false(rom.nvidia.has_version);
	assert_null(oprom_vbios_version(&rom));
	assert_true(has_problem(&rom.problems, "no 'B' or 'i' token"));
	rb_free(&r);

	build_nvidia(&r, "96.00.89.00.01");
	rb_put16(&r, tok_b + 4, 0xfffe);
	rb_put8(&r, tok_i, 'Y');
	parse_ok(&r, &rom);
	assert_false(rom.nvidia.has_version);
	assert_true(has_problem(&rom.problems, "BIT token 'B' points past the end of the file"));
	rb_free(&r);

	build_nvidia(&r, "96.00.89.00.01");
	rb_put8(&r, RB_BIT_AT + 11, (uint8_t)(r.data[RB_BIT_AT + 11] + 1));
	parse_ok(&r, &rom);
	assert_true(has_problem(&rom.problems, "checksum"));
	assert_true(rom.nvidia.has_version);   /* still read */
	rb_free(&r);

	/* A token count that runs past the end of the file: the tokens before it still count. */
	const struct rb_image small = { .vendor_id = 0x10de, .device_id = 0x2330, .length_512 = 3,
		.nv_version = "96.00.89.00.01" };
	build(&small, 1, &r);
	rb_put8(&r, RB_BIT_AT + 10, 255);
	rb_put8(&r, RB_BIT_AT + 11, (uint8_t)(r.data[RB_BIT_AT + 11] - 252));   /* keep the checksum */
	parse_ok(&r, &rom);
	assert_true(has_problem(&rom.problems, "BIT token 83 lies past the end of the file"));
	assert_string_equal(rom.nvidia.version_str, "96.00.89.00.01");
	assert_false(has_problem(&rom.problems, "checksum"));
	rb_free(&r);
}

/* NVIDIA's BIT specification: a pointer past the PC-AT image skips the EFI image after it. */
static void test_nvidia_pointer_past_efi(void **state)
{
	(void)state;
	struct rb_rom r;
	struct oprom rom;
	build_nvidia(&r, "95.02.18.80.87");
	size_t pcat = 8 * 512, efi = 4 * 512;
	rb_put16(&r, RB_BIT_AT + 12 + 6 + 4, (uint16_t)(pcat + 0x40));
	const uint8_t raw[] = { 0x11, 0x22, 0x33, 0x44, 0x55 };
	memcpy(r.data + pcat + efi + 0x40, raw, 5);
	parse_ok(&r, &rom);
	assert_int_equal(rom.nvidia.version_token, 'B');
	assert_string_equal(rom.nvidia.version_str, "44.33.22.11.55");
	rb_free(&r);
}

static void test_atom_strings(void **state)
{
	(void)state;
	const struct rb_image im[] = {
		{ .vendor_id = 0x1002, .device_id = 0x74a1, .class_code = 0x120000, .length_512 = 4,
		  .atom = &mi300x_atom },
		{ .code_type = 3, .vendor_id = 0x1002, .device_id = 0x74a1, .class_code = 0x120000, .length_512 = 2 },
	};
	struct rb_rom r;
	struct oprom rom;
	build(im, 2, &r);
	parse_ok(&r, &rom);
	const struct oprom_atom *a = &rom.atom;
	assert_true(a->present);
	assert_int_equal(a->image, 0);
	assert_int_equal(a->rom_header_offset, RB_ATOM_HEADER_AT);
	assert_int_equal(a->format_rev, 2);
	assert_int_equal(a->content_rev, 2);
	assert_true(a->has_subsystem);
	assert_int_equal(a->subsystem_vendor_id, 0x1002);
	assert_int_equal(a->subsystem_id, 0x74a1);
	assert_string_equal(a->part_number, "113-M3000100-102");
	assert_string_equal(a->asic, "MI300X");
	assert_string_equal(a->pci_type, "PCI_EXPRESS");
	assert_string_equal(a->memory_type, "HBM3");
	assert_string_equal(a->model, "AMD INSTINCT MI300X SYNTHETIC");   /* trailing spaces trimmed */
	assert_string_equal(a->date, "2023/08/15 10:20");
	assert_string_equal(a->version, "022.040.003.043.000001");
	assert_string_equal(oprom_vbios_version(&rom), "113-M3000100-102");
	assert_int_equal(rom.problems.n, 0);
	assert_false(rom.nvidia.has_bit);
	rb_free(&r);
}

static void test_atom_problems(void **state)
{
	(void)state;
	const struct rb_image im = { .vendor_id = 0x1002, .device_id = 0x74a1, .length_512 = 4, .atom = &mi300x_atom };
	struct rb_rom r;
	struct oprom rom;

	build(&im, 1, &r);
	r.data[0x52] = 'x';                          /* 08x15/23 */
	memcpy(r.data + 0x30, " 000000000", 10);
	memcpy(r.data + RB_ATOM_VERSION_AT, "ATOMBIOSXX", 10);
	parse_ok(&r, &rom);
	assert_true(rom.atom.present);
	assert_string_equal(rom.atom.date, "");
	assert_string_equal(rom.atom.version, "");
	assert_string_equal(rom.atom.part_number, "113-M3000100-102");   /* the rest is still read */
	assert_true(has_problem(&rom.problems, "build date at 0x50 is not MM/DD/YY HH:MM:SS"));
	assert_true(has_problem(&rom.problems, "761295520\" is missing"));
	assert_true(has_problem(&rom.problems, "no \"ATOMBIOSBK-AMD VER\" version string between 0x200 and 0x300"));
	rb_free(&r);

	/* No strings: the part number sits at 0x80 (after an optional NUL). */
	build(&im, 1, &r);
	rb_put8(&r, 0x2f, 0);
	memcpy(r.data + 0x80, "\0" "113-OLDPART-01\x01", 16);
	parse_ok(&r, &rom);
	assert_string_equal(rom.atom.part_number, "113-OLDPART-01");
	assert_string_equal(rom.atom.asic, "");
	assert_string_equal(rom.atom.model, "");
	rb_free(&r);

	/* Strings that never end inside the image. */
	build(&im, 1, &r);
	rb_put16(&r, 0x6e, (uint16_t)(r.size - 8));
	memset(r.data + r.size - 8, 'A', 8);
	parse_ok(&r, &rom);
	assert_true(has_problem(&rom.problems, "is not terminated"));
	rb_free(&r);

	/* An AMD image without ATOM is reported; other vendors' are not. */
	build(&im, 1, &r);
	rb_put16(&r, 0x48, 0);
	parse_ok(&r, &rom);
	assert_false(rom.atom.present);
	assert_true(has_problem(&rom.problems, "AMD image without an ATOM BIOS header"));
	rb_put16(&r, rb_pcir_offset(&r, 0) + 4, 0x10de);
	parse_ok(&r, &rom);
	assert_int_equal(rom.problems.n, 0);
	rb_free(&r);
}

/* Every truncation of a valid ROM parses without faults (ASan checks the
 * bounds) and says why it is incomplete. */
static void test_every_truncation(void **state)
{
	(void)state;
	struct rb_rom r;
	build_nvidia(&r, "95.02.18.80.87");
	struct oprom *rom = malloc(sizeof(*rom));
	assert_non_null(rom);
	for (size_t len = 0; len < r.size; len++) {
		struct tpp_error err = { 0 };
		uint8_t *copy = malloc(len ? len : 1);   /* exact size: ASan sees any overread */
		assert_non_null(copy);
		memcpy(copy, r.data, len);
		int rc = oprom_parse("cut.rom", copy, len, rom, &err);
		if (len < 2) {
			assert_int_equal(rc, -1);
		} else {
			assert_int_equal(rc, 0);
			size_t n = rom->problems.n;
			for (size_t i = 0; i < rom->n_images; i++)
				n += rom->images[i].problems.n;
			if (n == 0)
				fail_msg("truncated to %zu bytes, no problem reported", len);
			if (len >= 0x1a + RB_LEGACY_PCIR_AT)
				assert_int_equal(rom->images[0].device_id, 0x2684);
		}
		free(copy);
	}
	struct oprom full;
	parse_ok(&r, &full);
	assert_int_equal(full.problems.n + full.images[0].problems.n + full.images[1].problems.n +
			 full.images[2].problems.n, 0);
	free(rom);
	rb_free(&r);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(oprom_code_type_name(0), "x86 PC-AT");
	assert_string_equal(oprom_code_type_name(1), "Open Firmware");
	assert_string_equal(oprom_code_type_name(2), "HP PA-RISC");
	assert_string_equal(oprom_code_type_name(3), "EFI");
	assert_string_equal(oprom_code_type_name(0x70), "NVIDIA-specific");
	assert_string_equal(oprom_code_type_name(0xe0), "vendor-specific");
	assert_string_equal(oprom_efi_subsystem_name(10), "EFI application");
	assert_string_equal(oprom_efi_subsystem_name(11), "boot service driver");
	assert_string_equal(oprom_efi_subsystem_name(12), "runtime driver");
	assert_string_equal(oprom_efi_subsystem_name(9), "unknown");
	assert_string_equal(oprom_efi_machine_name(0x8664), "x64");
	assert_string_equal(oprom_efi_machine_name(0x14c), "IA32");
	assert_string_equal(oprom_efi_machine_name(0xaa64), "AArch64");
	assert_string_equal(oprom_efi_machine_name(0xebc), "EBC");
	assert_string_equal(oprom_efi_machine_name(0x1234), "unknown");
	assert_string_equal(oprom_efi_compression_name(0), "none");
	assert_string_equal(oprom_efi_compression_name(1), "EFI compressed");
	assert_string_equal(oprom_efi_compression_name(2), "unknown");
}

/* --- reading files --- */

static int open_eacces(const char *path, int flags)
{
	(void)path;
	(void)flags;
	errno = EACCES;
	return -1;
}

static ssize_t read_eio(int fd, void *buf, size_t n)
{
	(void)fd;
	(void)buf;
	(void)n;
	errno = EIO;
	return -1;
}

static int sys_open2(const char *path, int flags)
{
	return open(path, flags);
}

static void write_tmp(char *path, const void *data, size_t n)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	close(fd);
}

static void test_read_file(void **state)
{
	(void)state;
	struct tpp_error err = { 0 };
	uint8_t *data;
	size_t size;

	assert_int_equal(oprom_read_file(NULL, "tests/fixtures/roms/rtx4090-synthetic.rom", 0, &data, &size, &err), 0);
	assert_int_equal(size, 32768);
	assert_int_equal(data[0], 0x55);
	free(data);

	assert_int_equal(oprom_read_file(NULL, "tests/fixtures/roms/nonexistent.rom", 0, &data, &size, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
	assert_string_equal(err.msg, "tests/fixtures/roms/nonexistent.rom: cannot open: No such file or directory");
	assert_null(data);

	const struct input_io denied = { open_eacces, read, close };
	tpp_error_clear(&err);
	assert_int_equal(oprom_read_file(&denied, "x.rom", 0, &data, &size, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOPERM);
	assert_string_equal(err.msg, "x.rom: cannot open: Permission denied");

	const struct input_io eio = { sys_open2, read_eio, close };
	tpp_error_clear(&err);
	assert_int_equal(oprom_read_file(&eio, "tests/fixtures/roms/rtx4090-synthetic.rom", 0, &data, &size, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
	assert_non_null(strstr(err.msg, "cannot read: Input/output error"));

	tpp_error_clear(&err);
	assert_int_equal(oprom_read_file(NULL, "tests/fixtures/roms", 0, &data, &size, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
	assert_non_null(strstr(err.msg, "not a regular file"));

	/* A FIFO with no writer: refused at once instead of waiting forever. */
	char dir[] = "/tmp/tppscan-fifo-XXXXXX", fifo[64];
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/rom", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	tpp_error_clear(&err);
	assert_int_equal(oprom_read_file(NULL, fifo, 0, &data, &size, &err), -1);
	assert_int_equal(err.status, TPP_EX_NOINPUT);
	assert_non_null(strstr(err.msg, "not a regular file"));
	assert_non_null(strstr(err.msg, "FIFO"));
	unlink(fifo);
	rmdir(dir);

	char empty[] = "/tmp/tppscan-rom-XXXXXX";
	write_tmp(empty, "", 0);
	tpp_error_clear(&err);
	assert_int_equal(oprom_read_file(NULL, empty, 0, &data, &size, &err), -1);
	assert_int_equal(err.status, TPP_EX_DATAERR);
	assert_non_null(strstr(err.msg, "empty file"));
	unlink(empty);

	/* The cap: exactly max_size is fine, one byte more is not. */
	static uint8_t big[200000];
	big[0] = 0x55;
	char large[] = "/tmp/tppscan-rom-XXXXXX";
	write_tmp(large, big, sizeof(big));
	tpp_error_clear(&err);
	assert_int_equal(oprom_read_file(NULL, large, sizeof(big), &data, &size, &err), 0);
	assert_int_equal(size, sizeof(big));
	free(data);
	assert_int_equal(oprom_read_file(NULL, large, sizeof(big) - 1, &data, &size, &err), -1);
	assert_int_equal(err.status, TPP_EX_DATAERR);
	assert_non_null(strstr(err.msg, "larger than 199999 bytes"));
	unlink(large);
}

/* --- the committed fixtures (tests/tools/mkroms.c) --- */

static void parse_fixture(const char *name, struct oprom *rom)
{
	char path[256];
	snprintf(path, sizeof(path), "tests/fixtures/roms/%s", name);
	struct tpp_error err = { 0 };
	uint8_t *data;
	size_t size;
	if (oprom_read_file(NULL, path, 0, &data, &size, &err) || oprom_parse(path, data, size, rom, &err))
		fail_msg("%s", err.msg);
	free(data);
}

static void test_fixtures(void **state)
{
	(void)state;
	struct oprom rom;
	parse_fixture("rtx4090-synthetic.rom", &rom);
	assert_int_equal(rom.n_images, 3);
	assert_int_equal(rom.images[0].device_id, 0x2684);
	assert_int_equal(rom.images[1].code_type, OPROM_CODE_EFI);
	assert_string_equal(rom.nvidia.version_str, "95.02.18.80.87");
	assert_int_equal(rom.problems.n, 0);

	parse_fixture("rtx4090d-synthetic.rom", &rom);
	assert_int_equal(rom.images[0].device_id, 0x2685);
	assert_string_equal(rom.nvidia.version_str, "95.02.3c.40.a8");

	parse_fixture("h100-synthetic.rom", &rom);
	assert_int_equal(rom.images[0].device_id, 0x2330);
	assert_int_equal(rom.images[0].class_code, 0x030200);
	assert_string_equal(rom.nvidia.version_str, "96.00.89.00.01");

	parse_fixture("mi300x-synthetic.rom", &rom);
	assert_int_equal(rom.images[0].vendor_id, 0x1002);
	assert_int_equal(rom.images[0].device_id, 0x74a1);
	assert_string_equal(rom.atom.part_number, "113-M3000100-102");
	assert_string_equal(rom.atom.version, "022.040.003.043.000001");

	parse_fixture("pci30-devlist-synthetic.rom", &rom);
	assert_int_equal(rom.images[0].n_device_ids, 3);

	parse_fixture("bad-len0.rom", &rom);
	assert_true(has_problem(&rom.images[1].problems, "image length is 0"));
	parse_fixture("bad-no-pcir.rom", &rom);
	assert_true(has_problem(&rom.images[0].problems, "no PCI data structure"));
	parse_fixture("bad-truncated.rom", &rom);
	assert_true(has_problem(&rom.images[1].problems, "truncated"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_legacy_image_fields),
		cmocka_unit_test(test_class_code_byte_order),
		cmocka_unit_test(test_legacy_and_efi_chain),
		cmocka_unit_test(test_efi_problems),
		cmocka_unit_test(test_device_list),
		cmocka_unit_test(test_device_list_cap_and_pci2),
		cmocka_unit_test(test_npds_and_signatures),
		cmocka_unit_test(test_npde_overrides_pcir),
		cmocka_unit_test(test_last_flag_honoured),
		cmocka_unit_test(test_missing_last_flag),
		cmocka_unit_test(test_bad_image_length),
		cmocka_unit_test(test_bad_pointers),
		cmocka_unit_test(test_signature_without_structure),
		cmocka_unit_test(test_not_a_rom),
		cmocka_unit_test(test_prefix_and_padding),
		cmocka_unit_test(test_image_count_cap),
		cmocka_unit_test(test_nvidia_version),
		cmocka_unit_test(test_nvidia_tokens),
		cmocka_unit_test(test_nvidia_pointer_past_efi),
		cmocka_unit_test(test_atom_strings),
		cmocka_unit_test(test_atom_problems),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_fixtures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
