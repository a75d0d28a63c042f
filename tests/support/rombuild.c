/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tests/support/rombuild.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rb_put8(struct rb_rom *rom, size_t off, uint8_t v)
{
	if (off >= rom->size)
		abort();
	rom->data[off] = v;
}

void rb_put16(struct rb_rom *rom, size_t off, uint16_t v)
{
	rb_put8(rom, off, (uint8_t)v);
	rb_put8(rom, off + 1, (uint8_t)(v >> 8));
}

void rb_put32(struct rb_rom *rom, size_t off, uint32_t v)
{
	rb_put16(rom, off, (uint16_t)v);
	rb_put16(rom, off + 2, (uint16_t)(v >> 16));
}

static void put_str(struct rb_rom *rom, size_t off, const char *s)
{
	for (size_t i = 0; s[i]; i++)
		rb_put8(rom, off + i, (uint8_t)s[i]);
}

size_t rb_pcir_offset(const struct rb_rom *rom, size_t k)
{
	size_t at = rom->image_offset[k];
	return at + (size_t)(rom->data[at + 0x18] | rom->data[at + 0x19] << 8);
}

static uint16_t image_len512(const struct rb_image *im)
{
	return im->length_512 ? im->length_512 : 16;
}

/* "95.02.18.80.87" -> major, chip, minor, micro, OEM */
static bool parse_nv_version(const char *s, uint8_t v[5])
{
	unsigned a[5];
	char tail;
	if (sscanf(s, "%2x.%2x.%2x.%2x.%2x%c", &a[0], &a[1], &a[2], &a[3], &a[4], &tail) != 5)
		return false;
	for (int i = 0; i < 5; i++)
		v[i] = (uint8_t)a[i];
	return true;
}

/* BIT header, a NOP token, then 'B' and 'i', each pointing at the version
 * dword (little-endian) and the OEM byte. */
static void put_bit(struct rb_rom *rom, size_t base, const uint8_t v[5])
{
	size_t at = base + RB_BIT_AT;
	static const uint8_t hdr[] = { 0xff, 0xb8, 'B', 'I', 'T', 0, 0x00, 0x01, 12, 6, 3, 0 };
	for (size_t i = 0; i < sizeof(hdr); i++)
		rb_put8(rom, at + i, hdr[i]);
	uint8_t sum = 0;
	for (size_t i = 0; i < 11; i++)
		sum = (uint8_t)(sum + rom->data[at + i]);
	rb_put8(rom, at + 11, (uint8_t)-sum);
	struct { uint8_t id, ver; uint16_t len, ptr; } tok[] = {
		{ 'N', 0, 0, 0 },
		{ 'B', 2, 0x21, RB_BIT_B_DATA_AT },
		{ 'i', 2, 0x14, RB_BIT_I_DATA_AT },
	};
	for (size_t i = 0; i < 3; i++) {
		size_t t = at + 12 + 6 * i;
		rb_put8(rom, t, tok[i].id);
		rb_put8(rom, t + 1, tok[i].ver);
		rb_put16(rom, t + 2, tok[i].len);
		rb_put16(rom, t + 4, tok[i].ptr);
	}
	uint32_t dword = (uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 | (uint32_t)v[2] << 8 | v[3];
	rb_put32(rom, base + RB_BIT_B_DATA_AT, dword);
	rb_put8(rom, base + RB_BIT_B_DATA_AT + 4, v[4]);
	rb_put32(rom, base + RB_BIT_I_DATA_AT, dword);
	rb_put8(rom, base + RB_BIT_I_DATA_AT + 4, v[4]);
}

/* The fields amdgpu's atom.c reads from a legacy image. */
static void put_atom(struct rb_rom *rom, size_t base, const struct rb_atom *a)
{
	put_str(rom, base + 0x1e, "IBM");
	put_str(rom, base + 0x30, " 761295520");
	rb_put16(rom, base + 0x48, RB_ATOM_HEADER_AT);
	if (a->date)
		put_str(rom, base + 0x50, a->date);
	rb_put8(rom, base + 0x2f, 4);
	rb_put16(rom, base + 0x6e, RB_ATOM_STRINGS_AT);

	size_t at = base + RB_ATOM_STRINGS_AT;
	const char *strings[] = { a->part_number, a->asic, a->pci_type, a->memory_type };
	for (size_t i = 0; i < 4; i++) {
		const char *s = strings[i] ? strings[i] : "";
		put_str(rom, at, s);
		at += strlen(s) + 1;   /* the NUL is already there */
	}
	put_str(rom, at, "\r\n");
	if (a->model)
		put_str(rom, at + 2, a->model);

	if (a->version) {
		put_str(rom, base + RB_ATOM_VERSION_AT, "ATOMBIOSBK-AMD VER");
		put_str(rom, base + RB_ATOM_VERSION_AT + 18, a->version);
	}

	size_t h = base + RB_ATOM_HEADER_AT;
	rb_put16(rom, h, 0x26);          /* structure size of atom_rom_header_v2_2 */
	rb_put8(rom, h + 2, 2);
	rb_put8(rom, h + 3, 2);
	put_str(rom, h + 4, "ATOM");
	rb_put16(rom, h + 24, a->subsystem_vendor_id);
	rb_put16(rom, h + 26, a->subsystem_id);
}

static void put_pcir(struct rb_rom *rom, size_t base, size_t at, const struct rb_image *im, bool last)
{
	size_t p = base + at;
	put_str(rom, p, im->signature ? im->signature : "PCIR");
	rb_put16(rom, p + 4, im->vendor_id);
	rb_put16(rom, p + 6, im->device_id);
	uint16_t len = im->pci2 ? 24 : 28;
	rb_put16(rom, p + 0x0a, len);
	rb_put8(rom, p + 0x0c, im->pci2 ? 0 : 3);
	rb_put8(rom, p + 0x0d, (uint8_t)im->class_code);
	rb_put8(rom, p + 0x0e, (uint8_t)(im->class_code >> 8));
	rb_put8(rom, p + 0x0f, (uint8_t)(im->class_code >> 16));
	rb_put16(rom, p + 0x10, image_len512(im));
	rb_put16(rom, p + 0x12, im->code_revision);
	rb_put8(rom, p + 0x14, im->code_type);
	rb_put8(rom, p + 0x15, last ? 0x80 : 0);

	size_t next = (p + len + 0x0f) & ~(size_t)0x0f;
	if (im->npde) {
		put_str(rom, next, "NPDE");
		rb_put16(rom, next + 4, 0x0100);
		rb_put16(rom, next + 6, 0x10);
		rb_put16(rom, next + 8, image_len512(im));
		rb_put8(rom, next + 0x0a, last ? 0x80 : 0);
		next += 0x10;
	}
	if (im->n_device_ids) {
		/* after the data structure (and NPDE), relative to its start */
		rb_put16(rom, p + 0x08, (uint16_t)(next - p));
		for (size_t i = 0; i < im->n_device_ids; i++)
			rb_put16(rom, next + 2 * i, im->device_ids[i]);
	}
}

static bool build_image(struct rb_rom *rom, size_t base, const struct rb_image *im, bool last)
{
	size_t len = (size_t)image_len512(im) * 512;
	bool efi = im->code_type == 3;
	size_t pcir = efi ? RB_EFI_PCIR_AT : RB_LEGACY_PCIR_AT;
	size_t need = efi ? RB_EFI_PE_AT + 2 : im->nv_version ? RB_BIT_I_DATA_AT + 5 : RB_ATOM_HEADER_AT + 0x26;
	if (len < need || pcir + 28 + 16 + 2 * im->n_device_ids + 2 > len)
		return false;
	rb_put8(rom, base, 0x55);
	rb_put8(rom, base + 1, 0xaa);
	if (efi) {
		rb_put16(rom, base + 0x02, image_len512(im));
		rb_put32(rom, base + 0x04, 0x0ef1);
		rb_put16(rom, base + 0x08, im->efi_subsystem ? im->efi_subsystem : 11);
		rb_put16(rom, base + 0x0a, im->efi_machine ? im->efi_machine : 0x8664);
		rb_put16(rom, base + 0x0c, im->efi_compression);
		rb_put16(rom, base + 0x16, RB_EFI_PE_AT);
		put_str(rom, base + RB_EFI_PE_AT, "MZ");
	} else {
		rb_put8(rom, base + 0x02, (uint8_t)(image_len512(im) > 255 ? 255 : image_len512(im)));
		rb_put8(rom, base + 0x03, 0xeb);   /* a short jump, as real entry points start */
		rb_put8(rom, base + 0x04, 0x4b);
	}
	rb_put16(rom, base + 0x18, (uint16_t)pcir);
	put_pcir(rom, base, pcir, im, last);
	if (!efi && im->nv_version) {
		uint8_t v[5];
		if (!parse_nv_version(im->nv_version, v))
			return false;
		put_bit(rom, base, v);
	}
	if (!efi && im->atom)
		put_atom(rom, base, im->atom);
	if (!efi) {
		/* legacy images sum to zero; the last byte balances them */
		uint8_t sum = 0;
		for (size_t i = 0; i + 1 < len; i++)
			sum = (uint8_t)(sum + rom->data[base + i]);
		rb_put8(rom, base + len - 1, (uint8_t)-sum);
	}
	return true;
}

bool rb_build(const struct rb_image *images, size_t n, size_t prefix, size_t pad_to, struct rb_rom *out)
{
	*out = (struct rb_rom){ 0 };
	if (n > RB_MAX_IMAGES)
		return false;
	size_t total = prefix;
	for (size_t i = 0; i < n; i++)
		total += (size_t)image_len512(&images[i]) * 512;
	if (pad_to > total)
		total = pad_to;
	if (total == 0 || !(out->data = calloc(1, total)))
		return false;
	out->size = total;
	if (prefix) {
		if (prefix < 16)
			goto fail;
		memset(out->data, 0xa5, prefix);
		put_str(out, 0, "NVGI");   /* shaped like NVIDIA's firmware-file header */
	}
	size_t at = prefix;
	for (size_t i = 0; i < n; i++) {
		out->image_offset[out->n_images++] = at;
		if (!build_image(out, at, &images[i],
				 images[i].force_last || (i + 1 == n && !images[i].not_last)))
			goto fail;
		at += (size_t)image_len512(&images[i]) * 512;
	}
	memset(out->data + at, 0xff, total - at);
	return true;
fail:
	rb_free(out);
	return false;
}

void rb_free(struct rb_rom *rom)
{
	free(rom->data);
	*rom = (struct rb_rom){ 0 };
}

bool rb_write_file(const struct rb_rom *rom, const char *path)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(rom->data, 1, rom->size, f) == rom->size;
	return fclose(f) == 0 && ok;
}
