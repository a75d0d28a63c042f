/* mkroms: write the synthetic option ROM fixtures and the fuzz seeds.
 *
 *   cc -std=c11 -I. -o /tmp/mkroms tests/tools/mkroms.c tests/support/rombuild.c
 *   /tmp/mkroms tests/fixtures/roms tests/fuzz/corpus/fuzz_optionrom
 *
 * Every image is synthetic: shaped like a vendor VBIOS (IDs, data structures,
 * version tables) but holding no vendor code or data. The outputs are
 * committed; CI does not run this.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/rombuild.h"

static const char *out_dir, *seed_dir;
static int failed;

static void emit(const char *dir, const char *name, const struct rb_rom *rom)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!rb_write_file(rom, path)) {
		fprintf(stderr, "mkroms: cannot write %s\n", path);
		failed = 1;
	}
}

static void emit_raw(const char *dir, const char *name, const void *data, size_t n)
{
	struct rb_rom rom = { .data = (uint8_t *)data, .size = n };
	emit(dir, name, &rom);
}

static struct rb_rom make(const struct rb_image *im, size_t n, size_t prefix, size_t pad_to)
{
	struct rb_rom rom;
	if (!rb_build(im, n, prefix, pad_to, &rom)) {
		fprintf(stderr, "mkroms: cannot build an image set\n");
		exit(1);
	}
	return rom;
}

/* A GeForce-shaped ROM: PC-AT image with the BIT table, EFI GOP-like image,
 * and a type 0xe0 image with an NPDS data structure, padded with 0xff. */
static struct rb_rom nvidia_geforce(uint16_t device, const char *version)
{
	const struct rb_image im[] = {
		{ .code_type = 0, .vendor_id = 0x10de, .device_id = device, .class_code = 0x030000,
		  .code_revision = 0x0001, .length_512 = 32, .npde = true, .nv_version = version },
		{ .code_type = 3, .vendor_id = 0x10de, .device_id = device, .class_code = 0x030000,
		  .code_revision = 0x0001, .length_512 = 16, .npde = true, .efi_subsystem = 11,
		  .efi_machine = 0x8664, .efi_compression = 1 },
		{ .code_type = 0xe0, .vendor_id = 0x10de, .device_id = device, .class_code = 0x030000,
		  .length_512 = 8, .signature = "NPDS" },
	};
	return make(im, 3, 0, 32768);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mkroms FIXTURE_DIR SEED_DIR\n");
		return 2;
	}
	out_dir = argv[1];
	seed_dir = argv[2];

	struct rb_rom r = nvidia_geforce(0x2684, "95.02.18.80.87");
	emit(out_dir, "rtx4090-synthetic.rom", &r);
	emit(seed_dir, "nvidia-geforce.rom", &r);

	/* Truncated inside the EFI image. */
	struct rb_rom cut = r;
	cut.size = 16384 + 3000;
	emit(out_dir, "bad-truncated.rom", &cut);
	emit(seed_dir, "bad-truncated.rom", &cut);

	/* Second image of length 0: would loop. Its NPDE signature is wiped
	 * so that the PCI data structure's length is the one used. */
	rb_put16(&r, rb_pcir_offset(&r, 1) + 0x10, 0);
	rb_put16(&r, (rb_pcir_offset(&r, 1) + 28 + 15) & ~(size_t)15, 0);
	emit(out_dir, "bad-len0.rom", &r);
	rb_free(&r);

	r = nvidia_geforce(0x2685, "95.02.3c.40.a8");
	emit(out_dir, "rtx4090d-synthetic.rom", &r);
	rb_free(&r);

	const struct rb_image h100[] = {
		{ .code_type = 0, .vendor_id = 0x10de, .device_id = 0x2330, .class_code = 0x030200,
		  .code_revision = 0x0001, .length_512 = 32, .npde = true, .nv_version = "96.00.89.00.01" },
		{ .code_type = 0xe0, .vendor_id = 0x10de, .device_id = 0x2330, .class_code = 0x030200,
		  .length_512 = 8, .signature = "NPDS" },
	};
	r = make(h100, 2, 0, 0);
	emit(out_dir, "h100-synthetic.rom", &r);
	rb_free(&r);

	static const struct rb_atom mi300x = {
		.part_number = "113-M3000100-102",
		.asic = "MI300X",
		.pci_type = "PCI_EXPRESS",
		.memory_type = "HBM3",
		.model = "AMD INSTINCT MI300X SYNTHETIC TEST IMAGE",
		.date = "08/15/23 10:20:33",
		.version = "022.040.003.043.000001",
		.subsystem_vendor_id = 0x1002,
		.subsystem_id = 0x74a1,
	};
	const struct rb_image amd[] = {
		{ .code_type = 0, .vendor_id = 0x1002, .device_id = 0x74a1, .class_code = 0x120000,
		  .code_revision = 0x0001, .length_512 = 16, .atom = &mi300x },
		{ .code_type = 3, .vendor_id = 0x1002, .device_id = 0x74a1, .class_code = 0x120000,
		  .length_512 = 8, .efi_subsystem = 11, .efi_machine = 0x8664 },
	};
	r = make(amd, 2, 0, 0);
	emit(out_dir, "mi300x-synthetic.rom", &r);
	emit(seed_dir, "amd-atom.rom", &r);

	/* The ATOM image with its PCI data structure pointer aimed at nothing. */
	rb_put16(&r, 0x18, 0x1f0);
	emit(out_dir, "bad-no-pcir.rom", &r);
	rb_free(&r);

	static const uint16_t ids[] = { 0x2330, 0x2331, 0x2339 };
	const struct rb_image devlist[] = {
		{ .code_type = 0, .vendor_id = 0x10de, .device_id = 0x2330, .class_code = 0x030200,
		  .length_512 = 4, .device_ids = ids, .n_device_ids = 3 },
		{ .code_type = 3, .vendor_id = 0x10de, .device_id = 0x2330, .class_code = 0x030200,
		  .length_512 = 2, .device_ids = ids, .n_device_ids = 3 },
	};
	r = make(devlist, 2, 0, 0);
	emit(out_dir, "pci30-devlist-synthetic.rom", &r);
	emit(seed_dir, "devlist.rom", &r);
	rb_free(&r);

	/* A firmware file with a header before the ROM, as NVIDIA's can have. */
	const struct rb_image pre[] = {
		{ .code_type = 0, .vendor_id = 0x10de, .device_id = 0x2684, .class_code = 0x030000,
		  .length_512 = 8, .nv_version = "95.02.18.80.87" },
	};
	r = make(pre, 1, 1024, 0);
	emit(out_dir, "prefix-synthetic.rom", &r);
	emit(seed_dir, "prefix.rom", &r);
	rb_free(&r);

	/* Two small images, the second without a last-image flag. */
	const struct rb_image nolast[] = {
		{ .vendor_id = 0x1af4, .device_id = 0x1050, .class_code = 0x030000, .length_512 = 2 },
		{ .vendor_id = 0x1af4, .device_id = 0x1050, .class_code = 0x030000, .length_512 = 2, .not_last = true },
	};
	r = make(nolast, 2, 0, 0);
	emit(out_dir, "bad-no-last.rom", &r);
	emit(seed_dir, "no-last.rom", &r);
	rb_put16(&r, 0x18, 0xfff0);
	emit(out_dir, "bad-pointer.rom", &r);
	rb_free(&r);

	static const char text[] = "This is a text file, not an option ROM.\n";
	emit_raw(out_dir, "not-a-rom.bin", text, sizeof(text) - 1);
	emit_raw(out_dir, "empty.rom", "", 0);
	static const uint8_t sig_only[32] = { 0x55, 0xaa };
	emit_raw(seed_dir, "sig-only.rom", sig_only, sizeof(sig_only));
	return failed;
}
