/* Data-driven classification vectors from tests/vectors/classify.txt:
 * one cmocka test per line, so each boundary passes or fails on its own.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/evaluate.h"
#include "tests/support/testutil.h"

#define MAX_VECTORS 256

struct vector {
	int line;
	char text[512];
};

static struct rule_catalog catalog;
static struct data_set data;

static void csv_of(const struct classification *cl, enum rule_para_kind kind, char *buf, size_t n)
{
	buf[0] = '\0';
	for (size_t i = 0; i < cl->n_results; i++) {
		const struct para_result *r = &cl->results[i];
		if (r->para->kind != kind || r->status != PS_MET)
			continue;
		if (*buf)
			strncat(buf, ",", n - strlen(buf) - 1);
		strncat(buf, r->para->id, n - strlen(buf) - 1);
	}
	if (!*buf)
		snprintf(buf, n, "-");
}

static const struct para_result *result_of_kind(const struct classification *cl, enum rule_para_kind kind)
{
	for (size_t i = 0; i < cl->n_results; i++)
		if (cl->results[i].para->kind == kind)
			return &cl->results[i];
	return NULL;
}

/* Values may contain spaces ("excluded=Note 2 to 3A090"): a value runs to
 * the next " word=" or the end of the line. */
static char *next_pair(char **p, char **key)
{
	char *s = *p;
	while (*s == ' ')
		s++;
	if (!*s)
		return NULL;
	char *eq = strchr(s, '=');
	if (!eq)
		fail_msg("malformed pair at '%s'", s);
	*eq = '\0';
	*key = s;
	char *v = eq + 1, *end = v;
	for (;;) {
		char *sp = strchr(end, ' ');
		if (!sp) {
			end = v + strlen(v);
			break;
		}
		char *w = sp + 1;
		while (*w == ' ')
			w++;
		char *weq = strchr(w, '=');
		char *wsp = strchr(w, ' ');
		if (weq && (!wsp || weq < wsp)) {
			end = sp;
			break;
		}
		end = w;
	}
	*p = *end ? end + 1 : end;
	*end = '\0';
	return v;
}

static void run_vector(void **state)
{
	const struct vector *vec = *state;
	char text[512];
	snprintf(text, sizeof(text), "%s", vec->text);
	char *arrow = strstr(text, "->");
	if (!arrow)
		fail_msg("line %d: no '->'", vec->line);
	*arrow = '\0';
	char *lhs = text, *rhs = arrow + 2;

	char *rules_id = strtok(lhs, " ");
	const struct ruleset *rs = rule_catalog_find(&catalog, rules_id);
	if (!rs)
		fail_msg("line %d: unknown rule set %s", vec->line, rules_id);
	struct class_input in = { 0 };
	char *tok;
	bool have_year = false;
	while ((tok = strtok(NULL, " "))) {
		char *eq = strchr(tok, '=');
		if (!eq)
			fail_msg("line %d: bad input '%s'", vec->line, tok);
		*eq = '\0';
		const char *k = tok, *v = eq + 1;
		static const struct { const char *key, *param; } nums[] = { { "tpp", "tpp" }, { "pd", "pd" },
			{ "io", "io_bidir_gbps" }, { "hbm", "hbm_mbd" }, { "dram", "dram_bw_gbps" },
			{ "xtor", "transistors" }, { "year", "ship_year" } };
		bool done = false;
		for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]) && !done; i++) {
			if (strcmp(k, nums[i].key) == 0) {
				class_input_number(&in, nums[i].param, strtod(v, NULL), "declared");
				if (strcmp(k, "hbm") == 0)
					in.item_hbm = true;
				else
					in.item_ic = true;
				have_year = have_year || strcmp(k, "year") == 0;
				done = true;
			}
		}
		if (!done && (strcmp(k, "dc") == 0 || strcmp(k, "has_hbm") == 0)) {
			class_input_bool(&in, strcmp(k, "dc") == 0 ? "datacenter" : "has_hbm", strcmp(v, "yes") == 0,
					 "declared");
			in.item_ic = true;
			done = true;
		}
		if (!done)
			fail_msg("line %d: unknown input key '%s'", vec->line, k);
	}
	if (!have_year)
		class_input_number(&in, "ship_year", 2026, "declared");

	struct classification cl;
	struct tpp_error err = { 0 };
	if (classify_evaluate(rs, &in, &cl, &err))
		fail_msg("line %d: evaluate failed: %s", vec->line, err.msg);

	char *p = rhs, *key, *val;
	char got[256];
	while ((val = next_pair(&p, &key))) {
		if (strcmp(key, "eccn") == 0) {
			snprintf(got, sizeof(got), "%s", cl.status == CLASS_UNDETERMINED ? "undetermined"
				 : cl.eccn ? cl.eccn : "none");
		} else if (strcmp(key, "paras") == 0) {
			csv_of(&cl, PARA_CONTROL, got, sizeof(got));
		} else if (strcmp(key, "exceptions") == 0) {
			csv_of(&cl, PARA_EXCEPTION, got, sizeof(got));
		} else if (strcmp(key, "excluded") == 0) {
			snprintf(got, sizeof(got), "%s", cl.excluded_by ? cl.excluded_by->id : "-");
		} else if (strcmp(key, "review") == 0 || strcmp(key, "harbour") == 0) {
			const struct para_result *r = result_of_kind(&cl, strcmp(key, "review") == 0 ? PARA_REVIEW
												: PARA_PRESUMPTION);
			if (!r)
				snprintf(got, sizeof(got), "absent");
			else if (strcmp(key, "review") == 0)
				snprintf(got, sizeof(got), "%s", r->status == PS_MET ? "yes" : r->status == PS_NOT_MET ? "no"
					 : para_status_name(r->status));
			else
				snprintf(got, sizeof(got), "%s", para_status_name(r->status));
		} else if (strcmp(key, "needs") == 0) {
			bool found = false;
			for (size_t i = 0; i < cl.n_results && !found; i++)
				for (size_t k = 0; k < cl.results[i].n_missing; k++)
					found = found || strcmp(cl.results[i].missing[k], val) == 0;
			snprintf(got, sizeof(got), "%s", found ? val : "(not needed)");
		} else if (strcmp(key, "assumed") == 0) {
			snprintf(got, sizeof(got), "%s", cl.n_assumptions ? cl.assumptions[0].param->name : "-");
		} else {
			fail_msg("line %d: unknown expectation '%s'", vec->line, key);
		}
		if (strcmp(got, val) != 0) {
			classification_free(&cl);
			fail_msg("line %d: %s: expected '%s', got '%s'", vec->line, key, val, got);
		}
	}
	classification_free(&cl);
}

static int setup(void **state)
{
	(void)state;
	test_load_catalog(&catalog, &data);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rule_catalog_free(&catalog);
	data_set_free(&data);
	return 0;
}

int main(void)
{
	static struct vector vectors[MAX_VECTORS];
	static struct CMUnitTest tests[MAX_VECTORS];
	static char names[MAX_VECTORS][32];
	FILE *f = fopen("tests/vectors/classify.txt", "r");
	if (!f) {
		fprintf(stderr, "test_vectors: tests/vectors/classify.txt: cannot open (run from the source tree)\n");
		return 1;
	}
	char line[512];
	size_t n = 0;
	int lineno = 0;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (n == MAX_VECTORS) {
			fprintf(stderr, "test_vectors: more than %d vectors\n", MAX_VECTORS);
			fclose(f);
			return 1;
		}
		vectors[n].line = lineno;
		snprintf(vectors[n].text, sizeof(vectors[n].text), "%s", line);
		snprintf(names[n], sizeof(names[n]), "classify.txt:%d", lineno);
		tests[n] = (struct CMUnitTest){ names[n], run_vector, NULL, NULL, &vectors[n] };
		n++;
	}
	fclose(f);
	if (n == 0) {
		fprintf(stderr, "test_vectors: no vectors found\n");
		return 1;
	}
	return _cmocka_run_group_tests("vectors", tests, n, setup, teardown);
}
