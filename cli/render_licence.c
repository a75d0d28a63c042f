/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/render_licence.h"

#include <string.h>

#include "cli/render.h"

static const char *policy_text(const char *p)
{
	if (!p)
		return NULL;
	return !strcmp(p, "denial") ? "presumption of denial" : !strcmp(p, "approval") ? "presumption of approval"
									      : "case-by-case review";
}

void licence_summary(char *buf, size_t n, const struct lic_answer *a, const struct dest_data *d)
{
	const char *req = a->required == 1 ? "licence required" : a->required == 0 ? "no licence required"
						       : "licence undetermined";
	char policy[64] = "", exc[96] = "", hq[96] = "";
	if (a->required == 1 && a->policy)
		snprintf(policy, sizeof(policy), " (%s)", policy_text(a->policy));
	if (a->exception)
		snprintf(exc, sizeof(exc), "; License Exception %s %s", a->exception,
			 a->notification ? "after notifying BIS" : "may be used instead");
	if (strcmp(a->q.hq, a->q.dest))
		snprintf(hq, sizeof(hq), ", end user headquartered in %s (%s)", dest_country_name(d, a->q.hq), a->q.hq);
	snprintf(buf, n, "%s%s%s for %s (%s)%s, %s from %s", req, policy, exc, dest_country_name(d, a->q.dest),
		 a->q.dest, hq, lic_ship_name(a->ship), a->q.from);
}

void licence_text_block(FILE *f, const struct lic_answer *a, const struct dest_data *d, const char *indent)
{
	char line[600];
	licence_summary(line, sizeof(line), a, d);
	fprintf(f, "%s%s\n", indent, line);
	for (size_t i = 0; i < a->n_reasons; i++)
		fprintf(f, "%s  because: %s%s%s%s\n", indent, a->reasons[i].text, a->reasons[i].citation ? " [" : "",
			a->reasons[i].citation ? a->reasons[i].citation : "", a->reasons[i].citation ? "]" : "");
	for (size_t i = 0; i < json_array_size(a->conditions); i++)
		fprintf(f, "%s  condition: %s\n", indent, json_string_value(json_array_get(a->conditions, i)));
	for (size_t i = 0; i < a->n_advisories; i++)
		fprintf(f, "%s  %s: %s\n", indent, strcmp(a->advisories[i].id, "reading") ? "advisory" : "reading",
			a->advisories[i].text);
}

static json_t *texts(const struct lic_text *t, size_t n, bool ids)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s, s:o}", "text", t[i].text, "citation", json_str(t[i].citation));
		if (ids)
			json_object_set_new(o, "id", json_str(t[i].id));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *licence_json(const struct lic_answer *a)
{
	char d[11];
	tpp_date_format(a->q.date, d);
	json_t *o = json_object();
	json_object_set_new(o, "destination", json_string(a->q.dest));
	json_object_set_new(o, "headquarters", json_string(a->q.hq));
	json_object_set_new(o, "ship_from", json_string(a->q.from));
	json_object_set_new(o, "shipment", json_string(lic_ship_name(a->ship)));
	json_object_set_new(o, "as_of", json_string(d));
	json_object_set_new(o, "required", a->required < 0 ? json_null() : json_boolean(a->required));
	json_object_set_new(o, "exception", json_str(a->exception));
	json_object_set_new(o, "notification", json_boolean(a->notification));
	json_object_set_new(o, "policy", json_str(a->policy));
	json_object_set_new(o, "regime", json_str(a->regime));
	json_object_set_new(o, "diffusion_applied", json_boolean(a->q.diffusion));
	json_object_set_new(o, "reasons", texts(a->reasons, a->n_reasons, false));
	json_object_set_new(o, "advisories", texts(a->advisories, a->n_advisories, true));
	json_object_set_new(o, "conditions", a->conditions ? json_deep_copy(a->conditions) : json_array());
	return o;
}

int licence_exit_status(const struct lic_answer *a)
{
	return a->required == 1 ? LICENCE_EXIT_REQUIRED : a->required < 0 ? VERDICT_EXIT_UNDETERMINED : 0;
}
