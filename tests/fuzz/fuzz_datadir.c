/* libFuzzer target: a --data-dir with a rule-set file, a knowledge-base
 * file, and the destinations files (country groups, licence regimes). The
 * input is split at "\n@@\n" into up to four files in that order. Every
 * input must be rejected cleanly or load; a data set that loads must
 * classify every part, and answer a licence question for it, without faults.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/assess.h"
#include "classify/destinations.h"
#include "classify/kb.h"
#include "classify/licence.h"
#include "classify/rules.h"
#include "core/datafiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void classify_all(const struct rule_catalog *cat, const struct kb *kb, const struct dest_data *d,
			 const struct lic_data *l)
{
	struct lic_query q = { .dest = "CN", .hq = "CN", .from = "US" };
	for (size_t r = 0; r < cat->n; r++) {
		struct assessor as;
		struct tpp_error err = { 0 };
		if (assessor_init(&as, kb, &cat->sets[r], cat->sets[r].effective, &err))
			return;
		q.date = cat->sets[r].effective;
		if (d->loaded && l->loaded)
			assessor_set_licence(&as, l, d, &q);
		for (size_t i = 0; i < kb->n_parts; i++) {
			struct assessment a;
			assess_part(&as, NULL, &kb->parts[i], &a, &err);
			tpp_error_clear(&err);
		}
		assessor_free(&as);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* NUL-terminated copies, as data_set_load makes them */
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	static const char *const names[4] = { "fuzz/thresholds/fuzz.json", "fuzz/devices/fuzz.json",
		"fuzz/destinations/country-groups.json", "fuzz/destinations/licence.json" };
	struct data_file files[4];
	size_t n = 0;
	for (char *p = text; n < 4;) {
		char *sep = strstr(p, "\n@@\n");
		if (sep)
			*sep = '\0';
		files[n] = (struct data_file){ names[n], p, strlen(p) };
		n++;
		if (!sep)
			break;
		p = sep + 4;
	}
	struct data_set ds = { .files = files, .n = n, .origin = "fuzz" };
	struct rule_catalog cat;
	struct kb kb;
	struct dest_data d;
	struct lic_data l;
	struct tpp_error err = { 0 };
	if (rule_catalog_load(&cat, &ds, &err) == 0) {
		if (kb_load(&kb, &ds, &err) == 0) {
			if (dest_load(&d, &ds, &err) == 0) {
				if (lic_load(&l, &ds, &d, &err) == 0) {
					classify_all(&cat, &kb, &d, &l);
					lic_free(&l);
				}
				dest_free(&d);
			}
			kb_free(&kb);
		}
		rule_catalog_free(&cat);
	}
	free(text);
	return 0;
}
