/* PCI option ROM / VBIOS parser.
 *
 * Layouts, with the public sources they were checked against:
 * - ROM header and PCI data structure: PCI Firmware Specification 3.0, as
 *   in fwupd libfwupdplugin/fu-oprom.rs and EDK2 MdePkg Pci22.h
 *   (EFI_PCI_EXPANSION_ROM_HEADER, PCI_DATA_STRUCTURE).
 * - NVIDIA: nouveau nvkm/subdev/bios (image.c, pcir.c, npde.c, bit.c,
 *   base.c) and NVIDIA's "BIOS Information Table Specification"
 *   (open-gpu-doc); the version string as the driver's /proc "Video BIOS"
 *   (open-gpu-kernel-modules osapi.c rm_get_vbios_version).
 * - AMD: amdgpu atom.c / atom.h / atomfirmware.h and fwupd
 *   plugins/amd-gpu (fu-amd-gpu-atom.rs, fu-amd-gpu-atom-firmware.c).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/optionrom.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every read goes through these: `off` and `len` are checked against the
 * buffer before a byte is touched. */
struct bytes {
	const uint8_t *p;
	size_t n;
};

static bool have(const struct bytes *b, size_t off, size_t len)
{
	return off <= b->n && len <= b->n - off;
}

static uint8_t rd8(const struct bytes *b, size_t off)
{
	return b->p[off];
}

static uint16_t rd16(const struct bytes *b, size_t off)
{
	return (uint16_t)(b->p[off] | b->p[off + 1] << 8);
}

static uint32_t rd32(const struct bytes *b, size_t off)
{
	return (uint32_t)rd16(b, off) | (uint32_t)rd16(b, off + 2) << 16;
}

/* For fields that may lie past the end: unknown reads as 0. */
static uint8_t get8(const struct bytes *b, size_t off)
{
	return have(b, off, 1) ? rd8(b, off) : 0;
}

static uint16_t get16(const struct bytes *b, size_t off)
{
	return have(b, off, 2) ? rd16(b, off) : 0;
}

static bool match(const struct bytes *b, size_t off, const char *s, size_t len)
{
	return have(b, off, len) && memcmp(b->p + off, s, len) == 0;
}

static void problem(struct oprom_problems *pr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct oprom_problems *pr, const char *fmt, ...)
{
	if (pr->n == OPROM_MAX_PROBLEMS) {
		pr->more = true;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(pr->msg[pr->n++], OPROM_PROBLEM_LEN, fmt, ap);
	va_end(ap);
}

/* Copy text from the ROM into dst. Stops at NUL, at `max` characters, at
 * the window end, or (when `strict`) at the first character outside
 * ' '..'z', which is how amdgpu reads the part number. Otherwise anything
 * unprintable becomes '?': the output is for terminals and JSON. */
static void copy_text(char *dst, size_t dstsz, const struct bytes *b, size_t off, size_t end, size_t max, bool strict)
{
	size_t n = 0;
	while (n + 1 < dstsz && n < max && off + n < end && have(b, off + n, 1)) {
		uint8_t c = rd8(b, off + n);
		if (c == 0 || (strict && (c < ' ' || c > 'z')))
			break;
		dst[n++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	dst[n] = '\0';
	while (n > 0 && dst[n - 1] == ' ')
		dst[--n] = '\0';
}

static bool is_rom_signature(uint16_t sig)
{
	/* 55 AA; nouveau also accepts 77 BB and "VN" for NVIDIA's own images */
	return sig == 0xaa55 || sig == 0xbb77 || sig == 0x4e56;
}

static bool is_pcir_signature(const struct bytes *b, size_t off)
{
	return match(b, off, "PCIR", 4) || match(b, off, "NPDS", 4) || match(b, off, "RGIS", 4);
}

/* --- the image chain --- */

static void read_device_list(const struct bytes *b, size_t pcir, struct oprom_image *im)
{
	size_t at = pcir + im->device_list_offset;
	for (size_t i = 0;; i++) {
		if (!have(b, at + 2 * i, 2)) {
			problem(&im->problems, "device list at +0x%zx runs past the end of the file", at - im->offset);
			return;
		}
		uint16_t id = rd16(b, at + 2 * i);
		if (id == 0)
			return;
		if (im->n_device_ids == OPROM_MAX_DEVICE_IDS) {
			problem(&im->problems, "device list has more than %d IDs; the first %d are shown",
				OPROM_MAX_DEVICE_IDS, OPROM_MAX_DEVICE_IDS);
			return;
		}
		im->device_ids[im->n_device_ids++] = id;
	}
}

static void read_efi_header(const struct bytes *b, size_t off, struct oprom_image *im)
{
	struct oprom_efi *e = &im->efi;
	if (rd32(b, off + 0x04) != 0x0ef1)
		return;
	e->present = true;
	e->init_size_512 = rd16(b, off + 0x02);
	e->subsystem = rd16(b, off + 0x08);
	e->machine = rd16(b, off + 0x0a);
	e->compression = rd16(b, off + 0x0c);
	e->image_offset = rd16(b, off + 0x16);
}

static void check_efi(const struct bytes *b, struct oprom_image *im)
{
	const struct oprom_efi *e = &im->efi;
	if (im->code_type == OPROM_CODE_EFI && !e->present) {
		problem(&im->problems, "code type 3 (EFI) but no EFI signature 0x0EF1 at offset 4");
		return;
	}
	if (!e->present)
		return;
	if (im->code_type != OPROM_CODE_EFI)
		problem(&im->problems, "EFI signature 0x0EF1 on an image of code type 0x%02x", im->code_type);
	size_t init = (size_t)e->init_size_512 * 512;
	if (init == 0 || init > im->length)
		problem(&im->problems, "EFI initialization size %zu bytes does not fit the image (%zu bytes)", init,
			im->length);
	else if (e->image_offset >= init)
		problem(&im->problems, "EFI image offset 0x%x lies outside the initialization size", e->image_offset);
	else if (e->compression == 0 && have(b, im->offset + e->image_offset, 2) &&
		 !match(b, im->offset + e->image_offset, "MZ", 2))
		problem(&im->problems, "no PE image ('MZ') at the EFI image offset 0x%x", e->image_offset);
}

/* The fields of a PCI data structure already checked to be whole (24 bytes at pcir). */
static void read_pcir_fields(const struct bytes *b, size_t pcir, struct oprom_image *im)
{
	im->has_pcir = true;
	memcpy(im->pcir_signature, b->p + pcir, 4);
	im->vendor_id = rd16(b, pcir + 0x04);
	im->device_id = rd16(b, pcir + 0x06);
	im->pcir_length = rd16(b, pcir + 0x0a);
	im->pcir_revision = rd8(b, pcir + 0x0c);
	im->class_code = (uint32_t)rd8(b, pcir + 0x0f) << 16 | (uint32_t)rd8(b, pcir + 0x0e) << 8 | rd8(b, pcir + 0x0d);
	im->length_512 = rd16(b, pcir + 0x10);
	im->code_revision = rd16(b, pcir + 0x12);
	im->code_type = rd8(b, pcir + 0x14);
	im->indicator = rd8(b, pcir + 0x15);
	im->last = im->indicator & 0x80;
	if (im->pcir_length < 0x18)
		problem(&im->problems, "PCI data structure length %u is shorter than the 24 bytes of PCI 2.x",
			im->pcir_length);

	/* Offset 8 is the device list only from PCI 3.0 on (before: VPD pointer). */
	if (im->pcir_revision >= 3 && rd16(b, pcir + 0x08) != 0) {
		im->device_list_offset = rd16(b, pcir + 0x08);
		read_device_list(b, pcir, im);
	}
}

/* The image length in 512-byte units: the PCI data structure's, unless an
 * NVIDIA extension (NPDE) follows it with a usable one of its own. */
static uint16_t image_length_512(const struct bytes *b, size_t pcir, struct oprom_image *im)
{
	uint16_t len512 = im->length_512;
	if (im->code_type != OPROM_CODE_NVIDIA && im->pcir_length >= 0x18) {
		size_t npde = (pcir + im->pcir_length + 0x0f) & ~(size_t)0x0f;
		if (match(b, npde, "NPDE", 4) && have(b, npde, 0x0b)) {
			im->has_npde = true;
			im->npde_length_512 = rd16(b, npde + 0x08);
			im->npde_last = rd8(b, npde + 0x0a) & 0x80;
			if (im->npde_length_512 == 0 || im->npde_length_512 == 0xffff) {
				problem(&im->problems, "NVIDIA extension (NPDE) length %u is invalid; using the PCI data structure's",
					im->npde_length_512);
			} else {
				len512 = im->npde_length_512;
				im->last = im->npde_last;
			}
		}
	}
	return len512;
}

/* Read one image at `off`. Returns whether the chain may go on after it. */
static bool parse_image(const struct bytes *b, size_t off, struct oprom_image *im)
{
	im->offset = off;
	im->signature = rd16(b, off);
	if (!have(b, off, 0x1a)) {
		problem(&im->problems, "truncated: the ROM header needs 26 bytes, %zu remain", b->n - off);
		return false;
	}
	im->legacy_init_size_512 = rd8(b, off + 0x02);
	read_efi_header(b, off, im);

	im->pcir_offset = rd16(b, off + 0x18);
	size_t pcir = off + im->pcir_offset;
	if (im->pcir_offset == 0) {
		problem(&im->problems, "no PCI data structure: the pointer at 0x18 is 0");
		return false;
	}
	if (!have(b, pcir, 4)) {
		problem(&im->problems, "no PCI data structure: the pointer at 0x18 (0x%x) points past the end of the file",
			im->pcir_offset);
		return false;
	}
	if (!is_pcir_signature(b, pcir)) {
		problem(&im->problems, "no PCI data structure at +0x%x: found %02x %02x %02x %02x, not PCIR or NPDS",
			im->pcir_offset, rd8(b, pcir), rd8(b, pcir + 1), rd8(b, pcir + 2), rd8(b, pcir + 3));
		return false;
	}
	if (!have(b, pcir, 0x18)) {
		problem(&im->problems, "truncated: the PCI data structure at +0x%x needs 24 bytes, %zu remain",
			im->pcir_offset, b->n - pcir);
		return false;
	}
	read_pcir_fields(b, pcir, im);
	uint16_t len512 = image_length_512(b, pcir, im);
	im->length = (size_t)len512 * 512;
	if (len512 == 0) {
		problem(&im->problems, "image length is 0: the next image would start where this one does (a loop)");
		return false;
	}
	if (len512 == 0xffff) {
		problem(&im->problems, "image length is 0xFFFF (32 MiB): erased or corrupt flash");
		return false;
	}
	bool truncated = im->length > b->n - off;
	if (truncated)
		problem(&im->problems, "truncated: the image claims %zu bytes but only %zu remain", im->length,
			b->n - off);
	check_efi(b, im);
	return !truncated;
}

static void walk_chain(const struct bytes *b, struct oprom *rom)
{
	size_t off = rom->rom_offset;
	for (;;) {
		if (rom->n_images == OPROM_MAX_IMAGES) {
			problem(&rom->problems, "stopped after %d images without a last-image flag", OPROM_MAX_IMAGES);
			return;
		}
		if (rom->n_images > 0) {
			const struct oprom_image *prev = &rom->images[rom->n_images - 1];
			if (!have(b, off, 2)) {
				problem(&rom->problems, "the file ends after image %zu, which has no last-image flag (truncated?)",
					rom->n_images - 1);
				return;
			}
			if (!is_rom_signature(rd16(b, off))) {
				/* nouveau treats NVIDIA's type 0x70 image as the last one */
				if (prev->code_type == OPROM_CODE_NVIDIA)
					problem(&rom->notes, "the chain ends after image %zu, NVIDIA's type 0x70, "
						"which nouveau treats as the last", rom->n_images - 1);
				else
					problem(&rom->problems,
						"no image at 0x%zx where image %zu ends (found %02x %02x, not 55 aa), "
						"and image %zu has no last-image flag", off, rom->n_images - 1, rd8(b, off),
						rd8(b, off + 1), rom->n_images - 1);
				rom->trailing_bytes = b->n - off;
				return;
			}
		}
		struct oprom_image *im = &rom->images[rom->n_images++];
		/* Each step moves at least 512 bytes forward and length 0 stops
		 * the walk, so the chain can neither loop nor go backwards. */
		if (!parse_image(b, off, im))
			return;
		off += im->length;
		if (im->last) {
			rom->trailing_bytes = b->n - off;
			return;
		}
	}
}

/* The first 55 AA: at 0, or on a 512-byte boundary where it leads to a PCI
 * data structure (NVIDIA's BIT specification: firmware files may carry
 * data for the hardware before the PCI expansion ROM). */
static bool find_rom_start(const struct bytes *b, size_t *start)
{
	for (size_t off = 0; have(b, off, 2); off += 512) {
		if (rd8(b, off) != 0x55 || rd8(b, off + 1) != 0xaa)
			continue;
		if (off == 0 || (have(b, off, 0x1a) && rd16(b, off + 0x18) != 0 &&
				 is_pcir_signature(b, off + rd16(b, off + 0x18)))) {
			*start = off;
			return true;
		}
	}
	return false;
}

/* --- NVIDIA: BIT table and BIOS version --- */

struct bit_token {
	bool found;
	uint16_t length;
	uint16_t pointer;
};

static bool find_bytes(const struct bytes *b, size_t from, size_t end, const char *s, size_t len, size_t *at)
{
	if (end > b->n)
		end = b->n;
	for (size_t i = from; i + len <= end; i++) {
		if (memcmp(b->p + i, s, len) == 0) {
			*at = i;
			return true;
		}
	}
	return false;
}

/* The 'B' (BIOSDATA) and 'i' token data start with the version dword and
 * the OEM byte. The dword is little-endian and printed most significant
 * byte first: 80 18 02 95 87 is "95.02.18.80.87" (nouveau base.c reads
 * +3,+2,+1,+0 then +4; the driver prints (rev >> 24) ... (rev & 0xff), oem
 * with %02x). Pointers are from the start of the PC-AT image; past its
 * end, NVIDIA's BIT specification says to skip the EFI image after it. */
static bool bit_version(const struct bytes *b, struct oprom *rom, size_t image, char id, const struct bit_token *t,
			uint8_t v[5])
{
	const struct oprom_image *im = &rom->images[image];
	size_t ptr = t->pointer;
	if (ptr >= im->length && image + 1 < rom->n_images && rom->images[image + 1].code_type == OPROM_CODE_EFI)
		ptr += rom->images[image + 1].length;
	size_t at = im->offset + ptr;
	if (t->pointer == 0) {
		problem(&rom->problems, "BIT token '%c' has no data (null pointer)", id);
		return false;
	}
	if (t->length < 4) {
		problem(&rom->problems, "BIT token '%c' is too short for a BIOS version (%u bytes)", id, t->length);
		return false;
	}
	if (!have(b, at, 5)) {
		problem(&rom->problems, "BIT token '%c' points past the end of the file (0x%zx)", id, at);
		return false;
	}
	v[0] = rd8(b, at + 3);
	v[1] = rd8(b, at + 2);
	v[2] = rd8(b, at + 1);
	v[3] = rd8(b, at + 0);
	v[4] = rd8(b, at + 4);
	return true;
}

static void format_nv_version(char out[16], const uint8_t v[5])
{
	snprintf(out, 16, "%02x.%02x.%02x.%02x.%02x", v[0], v[1], v[2], v[3], v[4]);
}

static void parse_nvidia(const struct bytes *b, struct oprom *rom)
{
	size_t image = 0, at = 0;
	for (; image < rom->n_images; image++) {
		const struct oprom_image *im = &rom->images[image];
		if (im->has_pcir && im->code_type == OPROM_CODE_X86 &&
		    find_bytes(b, im->offset, im->offset + im->length, "\xff\xb8" "BIT", 5, &at))
			break;
	}
	if (image == rom->n_images)
		return;
	struct oprom_nvidia *nv = &rom->nvidia;
	nv->has_bit = true;
	nv->bit_offset = at;
	if (!have(b, at, 12) || rd8(b, at + 5) != 0) {
		problem(&rom->problems, "BIT header at 0x%zx is truncated or lacks \"BIT\\0\"", at);
		return;
	}
	nv->bit_version = rd16(b, at + 6);
	uint8_t hdr_size = rd8(b, at + 8), tok_size = rd8(b, at + 9), n_tok = rd8(b, at + 10);
	if (hdr_size < 12 || tok_size < 6) {
		problem(&rom->problems, "BIT header at 0x%zx has header size %u and token size %u (want 12 and 6)", at,
			hdr_size, tok_size);
		return;
	}
	uint8_t sum = 0;
	if (have(b, at, hdr_size))
		for (size_t i = 0; i < hdr_size; i++)
			sum = (uint8_t)(sum + rd8(b, at + i));
	if (sum != 0)
		problem(&rom->problems, "BIT header checksum at 0x%zx is not zero", at);

	struct bit_token tb = { 0 }, ti = { 0 };
	for (size_t i = 0; i < n_tok; i++) {
		size_t t = at + hdr_size + i * tok_size;
		if (!have(b, t, 6)) {
			problem(&rom->problems, "BIT token %zu lies past the end of the file", i);
			break;
		}
		struct bit_token *dst = rd8(b, t) == 'B' ? &tb : rd8(b, t) == 'i' ? &ti : NULL;
		if (dst && !dst->found)
			*dst = (struct bit_token){ true, rd16(b, t + 2), rd16(b, t + 4) };
	}
	uint8_t vb[5], vi[5];
	bool ok_b = tb.found && bit_version(b, rom, image, 'B', &tb, vb);
	bool ok_i = ti.found && bit_version(b, rom, image, 'i', &ti, vi);
	if (ok_b || ok_i) {
		nv->has_version = true;
		nv->version_token = ok_b ? 'B' : 'i';
		memcpy(nv->version, ok_b ? vb : vi, 5);
		format_nv_version(nv->version_str, nv->version);
	}
	if (ok_b && ok_i && memcmp(vb, vi, 5) != 0) {
		char s[16];
		format_nv_version(s, vi);
		problem(&rom->problems, "BIT 'B' version %s differs from 'i' version %s (nouveau reads 'i')",
			nv->version_str, s);
	}
	if (!tb.found && !ti.found)
		problem(&rom->problems, "BIT table at 0x%zx has no 'B' or 'i' token: no BIOS version", at);
}

/* --- AMD: ATOM BIOS strings (offsets from amdgpu atomfirmware.h) --- */

enum {
	ATOM_ATI_MAGIC_AT = 0x30,
	ATOM_NUM_STRINGS_AT = 0x2f,
	ATOM_ROM_HEADER_PTR_AT = 0x48,
	ATOM_DATE_AT = 0x50,
	ATOM_STRINGS_PTR_AT = 0x6e,
	ATOM_PART_NUMBER_AT = 0x80,      /* when the string count is 0 */
	ATOM_STRING_MAX = 256,           /* longest string we walk over */
};

/* "MM/DD/YY HH:MM:SS" becomes "20YY/MM/DD HH:MM", as the kernel prints it. */
static bool atom_date(const struct bytes *b, size_t at, char out[20])
{
	static const char pattern[] = "dd/dd/dd dd:dd:dd";
	if (!have(b, at, 17))
		return false;
	for (size_t i = 0; i < 17; i++) {
		uint8_t c = rd8(b, at + i);
		if (pattern[i] == 'd' ? c < '0' || c > '9' : c != (uint8_t)pattern[i])
			return false;
	}
	const char *d = (const char *)b->p + at;
	snprintf(out, 20, "20%.2s/%.2s/%.2s %.2s:%.2s", d + 6, d, d + 3, d + 9, d + 12);
	return true;
}

/* Walk the NUL-separated strings: part number, ASIC, PCI type, memory
 * type, then CR LF and the model name (atom_get_vbios_name). */
static void atom_strings(const struct bytes *b, size_t base, size_t end, unsigned count, size_t at, struct oprom *rom)
{
	struct oprom_atom *a = &rom->atom;
	char *fields[] = { NULL, a->asic, a->pci_type, a->memory_type };
	size_t sizes[] = { 0, sizeof(a->asic), sizeof(a->pci_type), sizeof(a->memory_type) };
	for (unsigned i = 0; i < count; i++) {
		size_t nul;
		size_t limit = at + ATOM_STRING_MAX < end ? at + ATOM_STRING_MAX : end;
		if (!find_bytes(b, at, limit, "", 1, &nul)) {
			problem(&rom->problems, "ATOM string %u at 0x%zx is not terminated", i, at - base);
			return;
		}
		if (i > 0 && i < 4)
			copy_text(fields[i], sizes[i], b, at, nul, sizes[i] - 1, false);
		at = nul + 1;
	}
	if (match(b, at, "\r\n", 2))
		at += 2;
	else
		problem(&rom->problems, "ATOM strings are not followed by CR LF at 0x%zx", at - base);
	copy_text(a->model, sizeof(a->model), b, at, end, sizeof(a->model) - 1, false);
}

static void parse_atom(const struct bytes *b, struct oprom *rom)
{
	size_t image = 0;
	while (image < rom->n_images &&
	       !(rom->images[image].has_pcir && rom->images[image].code_type == OPROM_CODE_X86))
		image++;
	if (image == rom->n_images)
		return;
	const struct oprom_image *im = &rom->images[image];
	size_t base = im->offset, end = base + im->length < b->n ? base + im->length : b->n;
	uint16_t hdr = get16(b, base + ATOM_ROM_HEADER_PTR_AT);
	if (hdr == 0 || !match(b, base + hdr + 4, "ATOM", 4)) {
		if (im->vendor_id == 0x1002)
			problem(&rom->problems, "AMD image without an ATOM BIOS header (pointer at 0x48 is 0x%x)", hdr);
		return;
	}
	struct oprom_atom *a = &rom->atom;
	a->present = true;
	a->image = image;
	a->rom_header_offset = hdr;
	a->format_rev = rd8(b, base + hdr + 2);
	a->content_rev = rd8(b, base + hdr + 3);
	if (rd16(b, base + hdr) >= 28 && have(b, base + hdr + 24, 4)) {
		a->has_subsystem = true;
		a->subsystem_vendor_id = rd16(b, base + hdr + 24);
		a->subsystem_id = rd16(b, base + hdr + 26);
	}
	if (!match(b, base + ATOM_ATI_MAGIC_AT, " 761295520", 10))
		problem(&rom->problems, "ATI signature \" 761295520\" is missing at 0x30 (amdgpu rejects such a ROM)");

	uint8_t count = get8(b, base + ATOM_NUM_STRINGS_AT);
	uint16_t strings = get16(b, base + ATOM_STRINGS_PTR_AT);
	size_t pn = base + (count ? strings : ATOM_PART_NUMBER_AT);
	if (have(b, pn, 1) && rd8(b, pn) == 0)   /* amdgpu skips one leading NUL */
		pn++;
	copy_text(a->part_number, sizeof(a->part_number), b, pn, end, 43, true);
	if (count)
		atom_strings(b, base, end, count, base + strings, rom);
	if (!atom_date(b, base + ATOM_DATE_AT, a->date))
		problem(&rom->problems, "ATOM build date at 0x50 is not MM/DD/YY HH:MM:SS");

	/* amdgpu searches between the strings and the ROM header, or in the
	 * first KiB when those pointers are not in that order. */
	size_t from = strings, to = hdr;
	if (to <= from) {
		from = 3;
		to = 1024;
	}
	size_t at;
	if (find_bytes(b, base + from, base + to + 14 < end ? base + to + 14 : end, "ATOMBIOSBK-AMD", 14, &at))
		copy_text(a->version, sizeof(a->version), b, at + 18, end, 32, false);
	else
		problem(&rom->problems, "no \"ATOMBIOSBK-AMD VER\" version string between 0x%zx and 0x%zx", from, to);
}

/* --- public --- */

int oprom_parse(const char *name, const uint8_t *buf, size_t size, struct oprom *rom, struct tpp_error *err)
{
	memset(rom, 0, sizeof(*rom));
	rom->size = size;
	if (!buf || size == 0) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s: empty file: not an option ROM", name);
		return -1;
	}
	const struct bytes b = { buf, size };
	if (!find_rom_start(&b, &rom->rom_offset)) {
		tpp_error_set(err, TPP_EX_DATAERR,
			      "%s: not a PCI option ROM: no 55 AA signature at offset 0 or before a PCI data structure", name);
		return -1;
	}
	if (rom->rom_offset)
		problem(&rom->notes, "the first image starts at 0x%zx: %zu bytes before it were skipped "
			"(a firmware-file header, such as NVIDIA's)", rom->rom_offset, rom->rom_offset);
	walk_chain(&b, rom);
	parse_nvidia(&b, rom);
	parse_atom(&b, rom);
	return 0;
}

const struct oprom_image *oprom_primary_image(const struct oprom *rom)
{
	for (size_t i = 0; i < rom->n_images; i++)
		if (rom->images[i].has_pcir)
			return &rom->images[i];
	return NULL;
}

const char *oprom_vbios_version(const struct oprom *rom)
{
	if (rom->nvidia.has_version)
		return rom->nvidia.version_str;
	if (rom->atom.present && rom->atom.part_number[0])
		return rom->atom.part_number;
	return NULL;
}

const char *oprom_code_type_name(uint8_t code_type)
{
	switch (code_type) {
	case OPROM_CODE_X86:
		return "x86 PC-AT";
	case OPROM_CODE_OPEN_FIRMWARE:
		return "Open Firmware";
	case OPROM_CODE_PA_RISC:
		return "HP PA-RISC";
	case OPROM_CODE_EFI:
		return "EFI";
	case OPROM_CODE_NVIDIA:
		return "NVIDIA-specific";
	default:
		return "vendor-specific";
	}
}

const char *oprom_efi_subsystem_name(uint16_t subsystem)
{
	switch (subsystem) {
	case 10:
		return "EFI application";
	case 11:
		return "boot service driver";
	case 12:
		return "runtime driver";
	default:
		return "unknown";
	}
}

const char *oprom_efi_machine_name(uint16_t machine)
{
	switch (machine) {
	case 0x014c:
		return "IA32";
	case 0x0200:
		return "Itanium";
	case 0x0ebc:
		return "EBC";
	case 0x8664:
		return "x64";
	case 0xaa64:
		return "AArch64";
	case 0x01c2:
		return "ARM";
	case 0x5064:
		return "RISC-V 64";
	case 0x6264:
		return "LoongArch64";
	default:
		return "unknown";
	}
}

const char *oprom_efi_compression_name(uint16_t compression)
{
	switch (compression) {
	case 0:
		return "none";
	case 1:
		return "EFI compressed";
	default:
		return "unknown";
	}
}

/* --- reading a file --- */

int oprom_read_file(const struct input_io *io, const char *path, size_t max_size, uint8_t **data, size_t *size,
		    struct tpp_error *err)
{
	char *buf;
	*data = NULL;
	if (input_read_file(io, path, "an option ROM", INPUT_NOT_EMPTY, max_size ? max_size : OPROM_MAX_FILE_SIZE,
			    &buf, size, err))
		return -1;
	*data = (uint8_t *)buf;
	return 0;
}

static void add_claim(struct rom_identity *id, uint16_t vendor, uint16_t device)
{
	for (size_t i = 0; i < id->n_claims; i++)
		if (id->claims[i].vendor == vendor && id->claims[i].device == device)
			return;
	if (id->n_claims < ROM_MAX_CLAIMS) {
		id->claims[id->n_claims].vendor = vendor;
		id->claims[id->n_claims++].device = device;
	}
}

void oprom_identity(const struct oprom *rom, struct rom_identity *id)
{
	*id = (struct rom_identity){ 0 };
	const struct oprom_image *im = oprom_primary_image(rom);
	if (im) {
		id->has_image = true;
		id->vendor_id = im->vendor_id;
		id->device_id = im->device_id;
		for (size_t i = 0; i < im->n_device_ids && i < ROM_MAX_LIST; i++)
			id->device_list[id->n_device_list++] = im->device_ids[i];
	}
	for (size_t i = 0; i < rom->n_images; i++) {
		const struct oprom_image *m = &rom->images[i];
		if (!m->has_pcir)
			continue;
		add_claim(id, m->vendor_id, m->device_id);
		for (size_t k = 0; k < m->n_device_ids; k++)
			add_claim(id, m->vendor_id, m->device_ids[k]);
	}
	const char *v = oprom_vbios_version(rom);
	if (v)
		snprintf(id->version, sizeof(id->version), "%s", v);
	if (rom->problems.n)
		snprintf(id->problem, sizeof(id->problem), "%s", rom->problems.msg[0]);
}
