/* libFuzzer target: the design knob parsers (--units/--clock-mhz values,
 * --cap and --rate lists, --dies) must reject any input cleanly; knobs
 * that parse must compute and go through the headroom solver without
 * faults, and every boundary it reports must be two adjacent values with
 * the comparison on each side as reported.
 * Input: lines of "ARCH", "UNITS", "CLOCK", "CAP-SPEC", "RATE-SPEC" ("-": none),
 * then any number of "DIES" lines.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/design_like.h"
#include "classify/headroom.h"
#include "cli/design_args.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct kb kb;
static struct data_set ds;
static struct rule_catalog cat;
static bool loaded;

static bool load(void)
{
	struct tpp_error err = { 0 };
	if (!loaded)
		loaded = data_set_load(&ds, NULL, &err) == 0 && rule_catalog_load(&cat, &ds, &err) == 0 &&
			 kb_load(&kb, &ds, &err) == 0;
	return loaded;
}

/* The boundaries: adjacent, and the comparison differs across them. */
static void check(const struct design_knobs *k, const struct headroom *h)
{
	for (size_t i = 0; i < h->n; i++) {
		const struct headroom_entry *e = &h->e[i];
		if (!e->reachable)
			continue;
		bool whole = design_knob_integer(e->knob.kind);
		if (whole ? fabs(e->holds_at - e->fails_at) != 1 : nextafter(e->holds_at, e->fails_at) != e->fails_at)
			abort();
		struct headroom_entry again = { 0 };
		struct design_knobs at = *k;
		design_knob_set(&at, e->knob, e->holds_at);
		if (headroom_step(&at, e->knob, e->param, e->cond->op, e->cond->number, &again) && !again.holds_now)
			abort();
		design_knob_set(&at, e->knob, e->fails_at);
		if (headroom_step(&at, e->knob, e->param, e->cond->op, e->cond->number, &again) && again.holds_now)
			abort();
	}
}

static void run(char **line, size_t n)
{
	struct design_req q = { .datacenter = -1 };
	struct tpp_error err = { 0 };
	if (n < 5 || design_parse_knob("--units", KNOB_UNITS, line[1], &q.units.v, &err) ||
	    design_parse_knob("--clock-mhz", KNOB_CLOCK, line[2], &q.clock_mhz.v, &err) ||
	    (strcmp(line[3], "-") && design_parse_precisions("--cap", KNOB_CAP, line[3], q.cap, &err)) ||
	    (strcmp(line[4], "-") && design_parse_precisions("--rate", KNOB_RATE, line[4], q.rate, &err)))
		return;
	for (size_t i = 5; i < n; i++)
		if (design_parse_dies(line[i], &q, &err))
			return;
	q.units.known = q.clock_mhz.known = true;
	const struct kb_arch *a = kb_find_arch(&kb, line[0]);
	if (!a)
		a = &kb.archs[0];
	struct design_knobs k;
	design_knobs_from_arch(a, &k);
	design_req_apply(&q, &k);
	for (int p = 0; p < PREC_COUNT; p++)
		if (k.cap[p].known && !k.rate[p].known)
			return;   /* the command refuses a cap without a rate (64) */
	struct design_metrics m;
	if (design_compute(&k, &m, &err))
		return;
	struct headroom h;
	if (headroom_solve(&cat.sets[cat.n - 1], &k, 2026, &h, &err) == 0) {
		check(&k, &h);
		headroom_free(&h);
	}
	struct pd_area_limit *l;
	size_t nl;
	if (headroom_pd_areas(&cat.sets[cat.n - 1], &k, &l, &nl, &err) == 0)
		free(l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!load() || size > 4096)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (strlen(text) != size) {   /* an argument cannot hold a NUL */
		free(text);
		return 0;
	}
	char *line[16];
	size_t n = 0;
	char *save = NULL;
	for (char *l = strtok_r(text, "\n", &save); l && n < 16; l = strtok_r(NULL, "\n", &save))
		line[n++] = l;
	run(line, n);
	free(text);
	return 0;
}
