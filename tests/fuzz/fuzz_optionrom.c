/* libFuzzer target: the option ROM parser must take any bytes without
 * crashing or reading out of bounds, and what it returns must be
 * consistent (images inside the buffer, strings terminated).
 * Seeds: tests/fuzz/corpus/fuzz_optionrom/ (written by tests/tools/mkroms.c).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "probe/optionrom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_problems(const struct oprom_problems *pr)
{
	if (pr->n > OPROM_MAX_PROBLEMS)
		abort();
	for (size_t i = 0; i < pr->n; i++)
		if (strnlen(pr->msg[i], OPROM_PROBLEM_LEN) == OPROM_PROBLEM_LEN)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct oprom rom;
	struct tpp_error err = { 0 };
	if (oprom_parse("fuzz.rom", data, size, &rom, &err) != 0) {
		if (err.status != TPP_EX_DATAERR || !err.msg[0])
			abort();
		return 0;
	}
	if (rom.n_images == 0 || rom.n_images > OPROM_MAX_IMAGES || rom.rom_offset >= size)
		abort();
	for (size_t i = 0; i < rom.n_images; i++) {
		const struct oprom_image *im = &rom.images[i];
		if (im->offset >= size || im->n_device_ids > OPROM_MAX_DEVICE_IDS)
			abort();
		if (i > 0 && im->offset <= rom.images[i - 1].offset)
			abort();   /* the chain only moves forward */
		check_problems(&im->problems);
	}
	check_problems(&rom.problems);
	check_problems(&rom.notes);
	if (rom.trailing_bytes > size)
		abort();
	const char *strings[] = { rom.atom.part_number, rom.atom.asic, rom.atom.pci_type, rom.atom.memory_type,
		rom.atom.model, rom.atom.date, rom.atom.version, rom.nvidia.version_str };
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		for (const char *p = strings[i]; *p; p++)
			if (*p < 0x20 || *p > 0x7e)
				abort();   /* printable only: they go to terminals and JSON */
	const char *v = oprom_vbios_version(&rom);
	if (v && !*v)
		abort();
	return 0;
}
