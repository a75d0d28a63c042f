/* tppscan rom: show what a PCI option ROM / VBIOS file says about itself.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/render.h"
#include "classify/rom_match.h"
#include "probe/optionrom.h"

static const char usage[] =
	"Usage: tppscan rom FILE... [options]\n"
	"Parse PCI option ROM / VBIOS images saved to files: the image chain (code\n"
	"type, vendor:device, PCI 3.0 device list, class, length, EFI fields), the\n"
	"vendor version (NVIDIA BIT BIOS version, AMD ATOM part number, date and\n"
	"version strings) and whatever in the image is malformed.\n"
	"tppscan never reads a ROM from the hardware here: dump it first (e.g. with\n"
	"the vendor's flash tool) and give the file.\n"
	"\n"
	"Options:\n"
	"  --format text|json   output format (default text)\n"
	"  --data-dir DIR       read thresholds/ and devices/ from DIR, not the built-in data\n"
	"  -h, --help           show this help\n"
	"\n"
	"Exit status: 0 when every file was read and is an option ROM, even one with\n"
	"problems (they are reported); 65 if a file is empty, too large or not an\n"
	"option ROM, 66 if it is missing or unreadable, 77 if permission is denied.\n"
	"A file that fails stops the command and nothing is printed.\n";

struct rom_file {
	const char *path;
	struct oprom rom;
};

static void hex4(char out[5], uint16_t v)
{
	snprintf(out, 5, "%04x", v);
}

/* Unknown is null: an empty string read from a ROM means "not there". */
static json_t *json_text(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *problems_json(const struct oprom_problems *pr)
{
	json_t *a = json_array();
	for (size_t i = 0; i < pr->n; i++)
		json_array_append_new(a, json_string(pr->msg[i]));
	if (pr->more)
		json_array_append_new(a, json_string("more problems were found than are listed"));
	return a;
}

/* The knowledge-base part the ROM's IDs name (primary image, then its PCI
 * 3.0 device list). */
static void add_kb_match(const struct cli *c, const struct oprom *rom, json_t *out)
{
	struct rom_match m;
	struct rom_identity id;
	oprom_identity(rom, &id);
	rom_match_part(&c->kb, &id, &m);
	json_object_set_new(out, "part", m.part ? json_string(m.part->id) : json_null());
	json_object_set_new(out, "part_name", m.part ? json_string(m.part->name) : json_null());
	json_object_set_new(out, "part_match", json_str(m.how));
}

static json_t *image_json(const struct oprom_image *im, size_t index)
{
	json_t *o = json_object();
	char sig[5];
	hex4(sig, (uint16_t)(im->signature >> 8 | im->signature << 8));   /* as the bytes read: 55aa */
	json_object_set_new(o, "index", json_integer((json_int_t)index));
	json_object_set_new(o, "offset", json_integer((json_int_t)im->offset));
	json_object_set_new(o, "signature", json_string(sig));
	json_object_set_new(o, "problems", problems_json(&im->problems));
	if (!im->has_pcir) {
		const char *nulls[] = { "data_structure", "vendor_id", "device_id", "device_ids", "class_code",
			"length_bytes", "code_revision", "code_type", "code_type_name", "last", "npde", "efi" };
		for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
			json_object_set_new(o, nulls[i], json_null());
		return o;
	}
	json_object_set_new(o, "data_structure", json_pack("{s:s, s:I, s:I, s:I}", "signature", im->pcir_signature,
		"offset", (json_int_t)im->pcir_offset, "revision", (json_int_t)im->pcir_revision, "length",
		(json_int_t)im->pcir_length));
	json_object_set_new(o, "vendor_id", json_hex(im->vendor_id, 4));
	json_object_set_new(o, "device_id", json_hex(im->device_id, 4));
	json_t *ids = json_array();
	for (size_t i = 0; i < im->n_device_ids; i++)
		json_array_append_new(ids, json_hex(im->device_ids[i], 4));
	json_object_set_new(o, "device_ids", ids);
	char cls[7];
	snprintf(cls, sizeof(cls), "%06x", (unsigned)im->class_code);
	json_object_set_new(o, "class_code", json_string(cls));
	json_object_set_new(o, "length_bytes", json_integer((json_int_t)im->length));
	json_object_set_new(o, "code_revision", json_integer(im->code_revision));
	json_object_set_new(o, "code_type", json_integer(im->code_type));
	json_object_set_new(o, "code_type_name", json_string(oprom_code_type_name(im->code_type)));
	json_object_set_new(o, "last", json_boolean(im->last));
	json_object_set_new(o, "npde", im->has_npde ? json_pack("{s:I, s:b}", "length_bytes",
		(json_int_t)im->npde_length_512 * 512, "last", im->npde_last) : json_null());
	if (im->efi.present) {
		const struct oprom_efi *e = &im->efi;
		json_object_set_new(o, "efi", json_pack("{s:i, s:s, s:o, s:s, s:i, s:s, s:I, s:I}",
			"subsystem", e->subsystem, "subsystem_name", oprom_efi_subsystem_name(e->subsystem),
			"machine", json_hex(e->machine, 4), "machine_name", oprom_efi_machine_name(e->machine),
			"compression", e->compression, "compression_name", oprom_efi_compression_name(e->compression),
			"image_offset", (json_int_t)e->image_offset, "initialization_size_bytes",
			(json_int_t)e->init_size_512 * 512));
	} else {
		json_object_set_new(o, "efi", json_null());
	}
	return o;
}

static json_t *rom_json(const struct cli *c, const struct rom_file *f)
{
	const struct oprom *rom = &f->rom;
	const struct oprom_image *primary = oprom_primary_image(rom);
	json_t *o = json_object();
	json_object_set_new(o, "file", json_string(f->path));
	json_object_set_new(o, "size_bytes", json_integer((json_int_t)rom->size));
	json_object_set_new(o, "rom_offset", json_integer((json_int_t)rom->rom_offset));
	json_object_set_new(o, "trailing_bytes", json_integer((json_int_t)rom->trailing_bytes));
	json_object_set_new(o, "vendor_id", primary ? json_hex(primary->vendor_id, 4) : json_null());
	json_object_set_new(o, "device_id", primary ? json_hex(primary->device_id, 4) : json_null());
	json_object_set_new(o, "vbios_version", json_str(oprom_vbios_version(rom)));
	add_kb_match(c, rom, o);
	json_t *images = json_array();
	for (size_t i = 0; i < rom->n_images; i++)
		json_array_append_new(images, image_json(&rom->images[i], i));
	json_object_set_new(o, "images", images);

	const struct oprom_nvidia *nv = &rom->nvidia;
	if (nv->has_bit) {
		char bcd[8], token[2] = { nv->version_token, 0 };
		snprintf(bcd, sizeof(bcd), "%x.%02x", nv->bit_version >> 8, nv->bit_version & 0xff);
		json_object_set_new(o, "nvidia", json_pack("{s:I, s:s, s:o, s:o}", "bit_offset",
			(json_int_t)nv->bit_offset, "bit_version", bcd, "version",
			json_text(nv->has_version ? nv->version_str : NULL), "version_token",
			json_text(nv->has_version ? token : NULL)));
	} else {
		json_object_set_new(o, "nvidia", json_null());
	}

	const struct oprom_atom *a = &rom->atom;
	if (a->present) {
		json_t *at = json_object();
		json_object_set_new(at, "image", json_integer((json_int_t)a->image));
		json_object_set_new(at, "rom_header_offset", json_integer(a->rom_header_offset));
		json_object_set_new(at, "part_number", json_text(a->part_number));
		json_object_set_new(at, "asic", json_text(a->asic));
		json_object_set_new(at, "pci_type", json_text(a->pci_type));
		json_object_set_new(at, "memory_type", json_text(a->memory_type));
		json_object_set_new(at, "model", json_text(a->model));
		json_object_set_new(at, "build_date", json_text(a->date));
		json_object_set_new(at, "version", json_text(a->version));
		json_object_set_new(at, "subsystem_vendor_id", a->has_subsystem ? json_hex(a->subsystem_vendor_id, 4)
									     : json_null());
		json_object_set_new(at, "subsystem_id", a->has_subsystem ? json_hex(a->subsystem_id, 4) : json_null());
		json_object_set_new(o, "amd_atom", at);
	} else {
		json_object_set_new(o, "amd_atom", json_null());
	}
	json_object_set_new(o, "problems", problems_json(&rom->problems));
	json_object_set_new(o, "notes", problems_json(&rom->notes));
	return o;
}

static void problems_text(FILE *out, const char *label, const char *prefix, const struct oprom_problems *pr)
{
	for (size_t i = 0; i < pr->n; i++)
		fprintf(out, "  %-10s %s%s\n", label, prefix, pr->msg[i]);
	if (pr->more)
		fprintf(out, "  %-10s %smore than %d; the rest are not listed\n", label, prefix, OPROM_MAX_PROBLEMS);
}

static void image_text(FILE *out, const struct oprom_image *im, size_t index)
{
	char label[32];
	snprintf(label, sizeof(label), "image %zu:", index);
	if (!im->has_pcir) {
		fprintf(out, "  %-10s at 0x%zx, unreadable\n", label, im->offset);
	} else {
		char type[40];
		if (im->code_type <= OPROM_CODE_EFI || im->code_type == OPROM_CODE_NVIDIA)
			snprintf(type, sizeof(type), "%s", oprom_code_type_name(im->code_type));
		else
			snprintf(type, sizeof(type), "%s (0x%02x)", oprom_code_type_name(im->code_type), im->code_type);
		fprintf(out, "  %-10s %s at 0x%zx, %zu bytes, %04x:%04x, class %06x%s\n", label, type, im->offset,
			im->length, im->vendor_id, im->device_id, (unsigned)im->class_code, im->last ? ", last" : "");
		fprintf(out, "  %-10s %s (PCI %s) at +0x%x, code revision 0x%04x%s\n", "", im->pcir_signature,
			im->pcir_revision >= 3 ? "3.0" : "2.x", im->pcir_offset, im->code_revision,
			im->has_npde ? ", NVIDIA NPDE extension" : "");
		if (im->n_device_ids) {
			fprintf(out, "  %-10s device list:", "");
			for (size_t i = 0; i < im->n_device_ids; i++)
				fprintf(out, " %04x", im->device_ids[i]);
			fputc('\n', out);
		}
		if (im->efi.present) {
			const struct oprom_efi *e = &im->efi;
			fprintf(out, "  %-10s EFI %s for %s (0x%04x), %s, PE image at +0x%x, initialization size %u bytes\n",
				"", oprom_efi_subsystem_name(e->subsystem), oprom_efi_machine_name(e->machine), e->machine,
				e->compression ? oprom_efi_compression_name(e->compression) : "not compressed",
				e->image_offset, e->init_size_512 * 512u);
		}
	}
	problems_text(out, "", "problem: ", &im->problems);
}

static void rom_text(FILE *out, const struct cli *c, const struct rom_file *f)
{
	const struct oprom *rom = &f->rom;
	struct rom_match m;
	fprintf(out, "%s\n", f->path);
	fprintf(out, "  %-10s %zu bytes, %zu image%s", "size:", rom->size, rom->n_images, rom->n_images == 1 ? "" : "s");
	if (rom->rom_offset)
		fprintf(out, ", first at 0x%zx", rom->rom_offset);
	if (rom->trailing_bytes)
		fprintf(out, ", %zu bytes after the last", rom->trailing_bytes);
	fputc('\n', out);
	const char *v = oprom_vbios_version(rom);
	fprintf(out, "  %-10s %s%s\n", "vbios:", v ? v : "unknown",
		!v ? "" : rom->nvidia.has_version ? " (NVIDIA BIOS version)" : " (AMD part number, as amdgpu's vbios_version)");
	struct rom_identity id;
	oprom_identity(rom, &id);
	rom_match_part(&c->kb, &id, &m);
	if (m.part)
		fprintf(out, "  %-10s %s [%s] (%04x:%04x, from the %s)\n", "part:", m.part->name, m.part->id, m.vendor,
			m.device, strcmp(m.how, "image-id") ? "PCI 3.0 device list" : "image's IDs");
	else
		fprintf(out, "  %-10s none in the knowledge base\n", "part:");
	for (size_t i = 0; i < rom->n_images; i++)
		image_text(out, &rom->images[i], i);

	const struct oprom_nvidia *nv = &rom->nvidia;
	if (nv->has_bit) {
		fprintf(out, "  %-10s BIT %x.%02x at 0x%zx", "nvidia:", nv->bit_version >> 8, nv->bit_version & 0xff,
			nv->bit_offset);
		if (nv->has_version)
			fprintf(out, ", BIOS version %s (token '%c')", nv->version_str, nv->version_token);
		fputc('\n', out);
	}
	const struct oprom_atom *a = &rom->atom;
	if (a->present) {
		fprintf(out, "  %-10s part number %s, ASIC %s, %s, %s\n", "amd atom:", a->part_number[0] ? a->part_number : "?",
			a->asic[0] ? a->asic : "?", a->pci_type[0] ? a->pci_type : "?", a->memory_type[0] ? a->memory_type : "?");
		if (a->model[0])
			fprintf(out, "  %-10s model \"%s\"\n", "", a->model);
		fprintf(out, "  %-10s built %s, version %s", "", a->date[0] ? a->date : "unknown",
			a->version[0] ? a->version : "unknown");
		if (a->has_subsystem)
			fprintf(out, ", subsystem %04x:%04x", a->subsystem_vendor_id, a->subsystem_id);
		fputc('\n', out);
	}
	problems_text(out, "problem:", "", &rom->problems);
	problems_text(out, "note:", "", &rom->notes);
}

/* Read and parse every file before printing anything: a bad file is an
 * error for the whole command, so the output is never partial. */
static int load_all(int n, char **paths, struct rom_file *files, struct tpp_error *err)
{
	for (int i = 0; i < n; i++) {
		uint8_t *data;
		size_t size;
		files[i].path = paths[i];
		if (oprom_read_file(NULL, paths[i], 0, &data, &size, err))
			return -1;
		int rc = oprom_parse(paths[i], data, size, &files[i].rom, err);
		free(data);
		if (rc)
			return -1;
	}
	return 0;
}

/* The first problem of a file: the ROM's own, else an image's. */
static const char *first_problem(const struct oprom *rom)
{
	if (rom->problems.n)
		return rom->problems.msg[0];
	for (size_t i = 0; i < rom->n_images; i++)
		if (rom->images[i].problems.n)
			return rom->images[i].problems.msg[0];
	return NULL;
}

/* A malformed image is still reported in full on stdout; the status (65)
 * and one line on stderr say that it is malformed. */
static int malformed_status(const struct rom_file *files, int n, struct tpp_error *err)
{
	int bad = 0;
	const struct rom_file *first = NULL;
	for (int i = 0; i < n; i++)
		if (first_problem(&files[i].rom) && !bad++)
			first = &files[i];
	if (!bad)
		return 0;
	tpp_error_set(err, TPP_EX_DATAERR, "tppscan rom: %s: %s%s", first->path, first_problem(&first->rom),
		      bad > 1 ? " (and more malformed files; see the report)" : "");
	return -1;
}

int cmd_rom(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int r = cli_options(c, argc, argv, longopts, usage, NULL, NULL, err);
	if (r)
		return r > 0 ? 0 : -1;
	int n = argc - optind;
	if (n <= 0) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan rom: no ROM file given (see --help)");
		return -1;
	}
	if (cli_load(c, err))
		return -1;
	struct rom_file *files = calloc((size_t)n, sizeof(*files));
	if (!files) {
		tpp_error_set(err, TPP_EX_OSERR, "tppscan rom: out of memory");
		return -1;
	}
	int rc = load_all(n, argv + optind, files, err);
	if (rc == 0 && c->format == FMT_JSON) {
		json_t *root = render_json_header(c);
		json_object_del(root, "rules");   /* no rule set is applied to a ROM */
		json_t *roms = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(roms, rom_json(c, &files[i]));
		json_object_set_new(root, "roms", roms);
		rc = render_json_emit(c, root, err);
	} else if (rc == 0) {
		for (int i = 0; i < n; i++) {
			if (i)
				fputc('\n', c->out);
			rom_text(c->out, c, &files[i]);
		}
	}
	if (rc || cli_flush(c, err)) {
		free(files);
		return -1;
	}
	rc = malformed_status(files, n, err);
	free(files);
	return rc;
}
