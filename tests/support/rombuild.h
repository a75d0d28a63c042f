/* Builds synthetic PCI option ROMs for tests, fuzz seeds and fixtures:
 * legacy x86 and EFI image chains, PCIR or NPDS data structures, PCI 3.0
 * device lists, NVIDIA's NPDE extension and BIT table, AMD ATOM strings.
 * Corrupt the result with rb_put*() at the offsets it reports. The images
 * carry no code: they are shaped like a VBIOS, they are not one.
 * Plain C with no test-framework dependency, so tests/tools/mkroms.c can
 * use it too.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_TEST_ROMBUILD_H
#define TPP_TEST_ROMBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RB_MAX_IMAGES 24

/* Where the builder puts things, from an image's start. */
enum {
	RB_LEGACY_PCIR_AT = 0x180,   /* clear of the ATOM header fields below 0x80 */
	RB_EFI_PCIR_AT = 0x1c,
	RB_EFI_PE_AT = 0x80,         /* "MZ" of the (empty) PE image */
	RB_ATOM_STRINGS_AT = 0x200,
	RB_ATOM_VERSION_AT = 0x2a0,
	RB_ATOM_HEADER_AT = 0x300,
	RB_BIT_AT = 0x400,
	RB_BIT_B_DATA_AT = 0x440,
	RB_BIT_I_DATA_AT = 0x470,
};

struct rb_atom {
	const char *part_number, *asic, *pci_type, *memory_type, *model;
	const char *date;            /* "MM/DD/YY HH:MM:SS" */
	const char *version;         /* the text after "ATOMBIOSBK-AMD VER" */
	uint16_t subsystem_vendor_id, subsystem_id;
};

struct rb_image {
	uint8_t code_type;           /* 0 x86, 3 EFI, 0x70, 0xe0, ... */
	uint16_t vendor_id, device_id;
	uint32_t class_code;         /* base << 16 | sub << 8 | prog-if */
	uint16_t code_revision;
	uint16_t length_512;         /* 0: 16 (8 KiB); EFI images at least 1 */
	const char *signature;       /* data structure signature; NULL: "PCIR" */
	bool pci2;                   /* PCI 2.x data structure (24 bytes, revision 0) */
	const uint16_t *device_ids;  /* PCI 3.0 device list */
	size_t n_device_ids;
	bool not_last;               /* no last-image flag, even on the final image */
	bool force_last;             /* a last-image flag even on an image that is not the final one */
	bool npde;                   /* NVIDIA NPDE extension with the same length and flag */
	uint16_t efi_subsystem;      /* EFI images; 0: 11 (boot service driver) */
	uint16_t efi_machine;        /* 0: 0x8664 (x64) */
	uint16_t efi_compression;
	const char *nv_version;      /* "95.02.18.80.87": a BIT table with 'B' and 'i' tokens */
	const struct rb_atom *atom;  /* legacy images only */
};

struct rb_rom {
	uint8_t *data;
	size_t size;
	size_t image_offset[RB_MAX_IMAGES];
	size_t n_images;
};

/* prefix: bytes of "NVGI"-headed filler before the first image (0: none);
 * pad_to: append 0xFF up to this size (0: none). False on bad input or
 * out of memory. */
bool rb_build(const struct rb_image *images, size_t n, size_t prefix, size_t pad_to, struct rb_rom *out);
void rb_free(struct rb_rom *rom);

/* Absolute offset of image k's PCI data structure. */
size_t rb_pcir_offset(const struct rb_rom *rom, size_t k);

/* Little-endian pokes for corruptions; abort() if out of range. */
void rb_put8(struct rb_rom *rom, size_t off, uint8_t v);
void rb_put16(struct rb_rom *rom, size_t off, uint16_t v);
void rb_put32(struct rb_rom *rom, size_t off, uint32_t v);

bool rb_write_file(const struct rb_rom *rom, const char *path);

#endif
