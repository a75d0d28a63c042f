/* PCI option ROM / VBIOS parser: pure functions over a byte buffer.
 *
 * A ROM is a chain of images, each starting with 55 AA and pointing at a
 * PCI data structure ("PCIR", or NVIDIA's "NPDS") that gives the IDs, the
 * code type and the length to the next image. On top of the chain we read
 * the vendor strings a driver reports: AMD's ATOM BIOS strings (part
 * number, build date, "ATOMBIOSBK-AMD VER..." version) and NVIDIA's BIT
 * BIOS version ("95.02.18.80.87").
 *
 * Everything is bounds-checked; what cannot be parsed becomes a problem
 * on the image (or the ROM) with a reason, and the rest of the chain is
 * still reported where that is safe. The model holds no pointers into the
 * buffer and needs no freeing.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_OPTIONROM_H
#define TPP_PROBE_OPTIONROM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/device.h"
#include "core/error.h"
#include "core/input.h"

#define OPROM_MAX_IMAGES 16              /* a real VBIOS has 2 to 6 */
#define OPROM_MAX_FILE_SIZE (16u << 20)  /* the largest GPU flash parts are 2 MiB */
#define OPROM_MAX_DEVICE_IDS 32
#define OPROM_MAX_PROBLEMS 6
#define OPROM_PROBLEM_LEN 160

/* PCI data structure code types (PCI Firmware Specification 3.0). */
enum {
	OPROM_CODE_X86 = 0x00,
	OPROM_CODE_OPEN_FIRMWARE = 0x01,
	OPROM_CODE_PA_RISC = 0x02,
	OPROM_CODE_EFI = 0x03,
	OPROM_CODE_NVIDIA = 0x70,        /* NVIDIA-specific; nouveau treats it as the last image */
};

struct oprom_problems {
	char msg[OPROM_MAX_PROBLEMS][OPROM_PROBLEM_LEN];
	size_t n;
	bool more;                       /* some were dropped: the list was full */
};

/* The EFI fields of an image's ROM header (UEFI spec, "EFI PCI Expansion
 * ROM Header"), present when offset 4 holds the EFI signature 0x0EF1. */
struct oprom_efi {
	bool present;
	uint16_t init_size_512;          /* initialization size, 512-byte units */
	uint16_t subsystem;              /* PE subsystem: 10 app, 11 boot service driver, 12 runtime driver */
	uint16_t machine;                /* PE machine: 0x14c IA32, 0x8664 x64, 0xaa64 AArch64, 0xebc EBC */
	uint16_t compression;            /* 0 none, 1 EFI compressed */
	uint16_t image_offset;           /* offset of the PE image from the image start */
};

struct oprom_image {
	size_t offset;                   /* of the 55 AA, from the start of the buffer */
	uint16_t signature;              /* little-endian u16 at offset 0: 0xaa55 (NVIDIA also 0xbb77, 0x4e56) */
	uint8_t legacy_init_size_512;    /* byte at 0x02 (non-EFI images) */

	bool has_pcir;                   /* a PCI data structure was found and read */
	char pcir_signature[5];          /* "PCIR", "NPDS" or "RGIS" */
	uint16_t pcir_offset;            /* from the image start (header offset 0x18) */
	uint16_t vendor_id, device_id;
	uint16_t pcir_length;            /* structure length: 24 for PCI 2.x, 28 for 3.0 */
	uint8_t pcir_revision;           /* 0 for PCI 2.x, 3 for 3.0 */
	uint32_t class_code;             /* base << 16 | sub << 8 | prog-if */
	uint16_t length_512;             /* image length from the PCI data structure */
	uint16_t code_revision;
	uint8_t code_type;
	uint8_t indicator;
	bool last;                       /* indicator bit 7, or the NPDE's */

	/* PCI 3.0 device list: other device IDs this image supports. */
	uint16_t device_list_offset;     /* from the PCI data structure; 0 = none */
	uint16_t device_ids[OPROM_MAX_DEVICE_IDS];
	size_t n_device_ids;

	/* NVIDIA PCI data extension ("NPDE", 16-byte aligned after the data
	 * structure): nouveau takes the image length and last flag from it. */
	bool has_npde;
	uint16_t npde_length_512;
	bool npde_last;

	struct oprom_efi efi;

	size_t length;                   /* bytes to the next image, as used for the chain (as claimed, even if bad) */
	struct oprom_problems problems;
};

/* NVIDIA BIOS Information Table ("\xff\xb8" "BIT\0"). */
struct oprom_nvidia {
	bool has_bit;
	size_t bit_offset;               /* from the start of the buffer */
	uint16_t bit_version;            /* BCD, 0x0100 = 1.00 */
	bool has_version;
	char version_token;              /* 'B' (BIOSDATA) or 'i' (as nouveau reads it) */
	uint8_t version[5];              /* major, chip, minor, micro (engineering), OEM */
	char version_str[16];            /* "95.02.18.80.87": lower-case hex as /proc and nouveau print it */
};

/* AMD ATOM BIOS strings from the legacy image (amdgpu atom.c offsets). */
struct oprom_atom {
	bool present;                    /* "ATOM" found through the pointer at 0x48 */
	size_t image;                    /* index of the image that holds it */
	uint16_t rom_header_offset;      /* from the image start */
	uint8_t format_rev, content_rev; /* ATOM ROM header table revision */
	bool has_subsystem;
	uint16_t subsystem_vendor_id, subsystem_id;
	char part_number[48];            /* what amdgpu's sysfs vbios_version shows, e.g. 113-D4121EXT-CO1 */
	char asic[32];
	char pci_type[32];
	char memory_type[32];
	char model[64];                  /* the name after the strings, trailing spaces trimmed */
	char date[20];                   /* "2023/06/21 10:15", the kernel's form */
	char version[33];                /* text after "ATOMBIOSBK-AMD VER", e.g. 022.040.003.043.000001 */
};

struct oprom {
	size_t size;                     /* bytes in the buffer */
	size_t rom_offset;               /* where the first image starts (0 unless a prefix was skipped) */
	struct oprom_image images[OPROM_MAX_IMAGES];
	size_t n_images;
	size_t trailing_bytes;           /* after the last image (flash padding) */
	struct oprom_nvidia nvidia;
	struct oprom_atom atom;
	struct oprom_problems problems;  /* about the ROM as a whole */
	struct oprom_problems notes;     /* worth knowing, not wrong: a skipped prefix, nouveau's type 0x70 end */
};

/* Parse a whole ROM. Returns -1 (TPP_EX_DATAERR, message naming `name`)
 * only for an empty buffer or one with no option ROM at all: no 55 AA at
 * offset 0, nor on a 512-byte boundary followed by a PCI data structure
 * (NVIDIA firmware files may carry data before the ROM). Anything else
 * gives 0 and a model whose problems say what could not be read. */
int oprom_parse(const char *name, const uint8_t *buf, size_t size, struct oprom *rom, struct tpp_error *err);

/* The first image with a PCI data structure, or NULL. */
const struct oprom_image *oprom_primary_image(const struct oprom *rom);
/* The version a driver would report for this ROM: NVIDIA's "Video BIOS"
 * version, or AMD's part number (amdgpu's sysfs vbios_version); NULL if none. */
const char *oprom_vbios_version(const struct oprom *rom);

/* What the ROM says it is for, as later stages need it (core/device.h). */
void oprom_identity(const struct oprom *rom, struct rom_identity *id);

/* Names for display; never NULL ("vendor-specific", "unknown"). */
const char *oprom_code_type_name(uint8_t code_type);
const char *oprom_efi_subsystem_name(uint16_t subsystem);
const char *oprom_efi_machine_name(uint16_t machine);
const char *oprom_efi_compression_name(uint16_t compression);

/* Read a ROM file of at most max_size bytes (0: OPROM_MAX_FILE_SIZE) into
 * a malloc()ed buffer (core/input.h: a FIFO or device is refused, 66).
 * Errors name the file: missing or unreadable 66, permission denied 77,
 * empty or too large 65, out of memory 71. A NULL io uses open/read/close. */
int oprom_read_file(const struct input_io *io, const char *path, size_t max_size, uint8_t **data, size_t *size,
		    struct tpp_error *err);

#endif
