/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

json_t *json_num(double v)
{
	if (!isfinite(v))
		return json_null();
	if (v == floor(v) && fabs(v) < 1e15)
		return json_integer((json_int_t)v);
	return json_real(v);
}

json_t *json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *render_json_header(const struct cli *c)
{
	json_t *root = json_object();
	json_object_set_new(root, "schema_version", json_integer(TPP_SCHEMA_VERSION));
	json_object_set_new(root, "tool", json_pack("{s:s, s:s, s:s}", "name", "tppscan",
		"version", TPPSCAN_VERSION, "data_version", c->data_version));
	if (c->rs) {
		json_t *r = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", c->rs->id, "citation",
			c->rs->citation, "fr_document", c->rs->fr_document, "title", c->rs->title,
			"url", c->rs->url);
		char d[11];
		tpp_date_format(c->rs->effective, d);
		json_object_set_new(r, "effective", json_string(d));
		tpp_date_format(c->as_of, d);
		json_object_set_new(r, "selected_by", json_string(c->rules_id ? "rules" : "as_of"));
		json_object_set_new(r, "as_of", json_string(d));
		json_object_set_new(root, "rules", r);
	}
	return root;
}

static void set_date(json_t *o, const char *key, tpp_date d, bool known)
{
	char b[11];
	tpp_date_format(d, b);
	json_object_set_new(o, key, known ? json_string(b) : json_null());
}

json_t *render_rules_json(const struct cli *c, const struct ruleset *rs)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", rs->id, "title", rs->title,
		"citation", rs->citation, "fr_document", rs->fr_document, "url", rs->url,
		"summary", rs->summary, "changes", rs->changes, "file", rs->file);
	set_date(o, "published", rs->published, true);
	set_date(o, "effective", rs->effective, true);
	set_date(o, "superseded", rs->superseded, rs->has_superseded);
	set_date(o, "revised", rs->revised, true);
	bool in_force = rs->effective <= c->as_of && (!rs->has_superseded || c->as_of < rs->superseded);
	json_object_set_new(o, "status", json_string(in_force ? "in_force"
		: rs->effective > c->as_of ? "not_yet_effective" : "superseded"));
	json_t *tiers = json_array();
	for (size_t i = 0; i < rs->n_eccn_order; i++)
		json_array_append_new(tiers, json_string(rs->eccn_order[i]));
	json_object_set_new(o, "eccn_order", tiers);
	json_t *params = json_object();
	for (size_t i = 0; i < rs->n_params; i++) {
		const struct rule_param *p = &rs->params[i];
		json_t *pj = json_pack("{s:s, s:s, s:s}", "type", p->type == PARAM_BOOLEAN ? "boolean" : "number",
			"description", p->description, "source", p->source);
		json_object_set_new(pj, "unit", json_str(p->unit));
		if (p->has_default)
			json_object_set_new(pj, "if_unknown", json_pack("{s:o, s:s, s:s}", "value",
				p->type == PARAM_BOOLEAN ? json_boolean(p->default_boolean) : json_num(p->default_number),
				"reading", p->default_reading, "source", p->default_source));
		json_object_set_new(params, p->name, pj);
	}
	json_object_set_new(o, "parameters", params);
	json_t *paras = json_array();
	for (size_t i = 0; i < rs->n_paras; i++)
		json_array_append_new(paras, json_deep_copy(rs->paras[i].json));
	json_object_set_new(o, "paragraphs", paras);
	json_t *readings = json_array();
	for (size_t i = 0; i < rs->n_readings; i++)
		json_array_append_new(readings, json_pack("{s:s, s:s, s:s}", "id", rs->readings[i].id,
			"text", rs->readings[i].text, "source", rs->readings[i].source));
	json_object_set_new(o, "readings", readings);
	return o;
}

static json_t *missing_array(const struct para_result *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->n_missing; i++)
		json_array_append_new(a, json_string(r->missing[i]));
	return a;
}

json_t *render_classification_json(const struct classification *cl)
{
	const struct ruleset *rs = cl->rules;
	json_t *o = json_object();
	json_object_set_new(o, "rule_set", json_string(rs->id));
	json_object_set_new(o, "status", json_string(class_status_name(cl->status)));
	json_object_set_new(o, "eccn", json_str(cl->eccn));
	json_object_set_new(o, "excluded_by", json_str(cl->excluded_by ? cl->excluded_by->id : NULL));

	json_t *matched = json_array(), *excluded = json_array(), *undetermined = json_array();
	json_t *outranked = json_array();
	json_t *exceptions = json_array(), *reviews = json_array(), *systems = json_array();
	json_t *presumptions = json_array(), *evaluation = json_array();
	for (size_t i = 0; i < cl->n_results; i++) {
		const struct para_result *r = &cl->results[i];
		const struct rule_para *p = r->para;
		/* each paragraph's citation is in `tppscan thresholds ID --format json`;
		 * repeating it per device would double the size of a fleet's output */
		json_t *e = json_pack("{s:s, s:s, s:s}", "paragraph", p->id, "kind", rule_para_kind_name(p->kind),
				      "status", para_status_name(r->status));
		json_object_set_new(e, "missing", missing_array(r));
		json_array_append_new(evaluation, e);
		if (r->status == PS_UNDETERMINED)
			json_array_append_new(undetermined, json_pack("{s:s, s:o}", "paragraph", p->id,
				"missing", missing_array(r)));
		if (p->kind == PARA_CONTROL && r->status == PS_MET)
			json_array_append_new(matched, json_string(p->id));
		if (p->kind == PARA_CONTROL && r->status == PS_EXCLUDED)
			json_array_append_new(excluded, json_string(p->id));
		if (p->kind == PARA_CONTROL && r->status == PS_OUTRANKED)
			json_array_append_new(outranked, json_string(p->id));
		if (r->status != PS_MET)
			continue;
		if (p->kind == PARA_EXCEPTION)
			json_array_append_new(exceptions, json_pack("{s:s, s:s, s:o}", "id", p->id, "title",
				p->title, "destinations", json_str(p->destinations)));
		else if (p->kind == PARA_REVIEW)
			json_array_append_new(reviews, json_pack("{s:s, s:s, s:o}", "id", p->id, "title",
				p->title, "destinations", json_str(p->destinations)));
		else if (p->kind == PARA_SYSTEM)
			json_array_append_new(systems, json_string(p->id));
		else if (p->kind == PARA_PRESUMPTION)
			json_array_append_new(presumptions, json_string(p->id));
	}
	json_object_set_new(o, "paragraphs", matched);
	json_object_set_new(o, "excluded_paragraphs", excluded);
	json_object_set_new(o, "outranked_paragraphs", outranked);
	json_object_set_new(o, "undetermined", undetermined);
	json_object_set_new(o, "license_exceptions", exceptions);
	json_object_set_new(o, "review_policies", reviews);
	json_object_set_new(o, "system_eccns", systems);
	json_object_set_new(o, "presumption_safe_harbours", presumptions);
	json_object_set_new(o, "evaluation", evaluation);

	json_t *margins = json_array();
	for (size_t i = 0; i < cl->n_margins; i++) {
		const struct margin *m = &cl->margins[i];
		json_t *mj = json_pack("{s:s, s:s, s:s, s:o, s:o, s:b}", "paragraph", m->para->id,
			"parameter", m->param, "operator", rule_op_symbol(m->op), "value", json_num(m->value),
			"threshold", json_num(m->threshold), "met", m->met);
		json_object_set_new(mj, "ratio", isfinite(m->ratio) ? json_real(m->ratio) : json_null());
		json_array_append_new(margins, mj);
	}
	json_object_set_new(o, "margins", margins);

	json_t *params = json_object();
	for (size_t i = 0; i < rs->n_params; i++) {
		const struct class_value *v = &cl->used[i];
		json_t *val = !cl->used_known[i] ? json_null()
			: v->is_bool ? json_boolean(v->boolean) : json_num(v->number);
		json_object_set_new(params, rs->params[i].name, json_pack("{s:o, s:o}", "value", val,
			"source", cl->used_known[i] ? json_string(v->source) : json_null()));
	}
	json_object_set_new(o, "parameters", params);

	size_t dc;
	if (ruleset_param(rs, "datacenter", &dc) && cl->used_known[dc]) {
		json_object_set_new(o, "datacenter", json_boolean(cl->used[dc].boolean));
		json_object_set_new(o, "datacenter_assumed", json_boolean(cl->used_assumed[dc]));
	} else {
		json_object_set_new(o, "datacenter", json_null());
		json_object_set_new(o, "datacenter_assumed", json_false());
	}

	json_t *assumptions = json_array();
	for (size_t i = 0; i < cl->n_assumptions; i++) {
		const struct rule_param *p = cl->assumptions[i].param;
		json_array_append_new(assumptions, json_pack("{s:s, s:o, s:s, s:s}", "parameter", p->name,
			"value", p->type == PARAM_BOOLEAN ? json_boolean(p->default_boolean) : json_num(p->default_number),
			"reading", p->default_reading, "source", p->default_source));
	}
	json_object_set_new(o, "assumptions", assumptions);
	return o;
}

/* jansson writes small pieces; collecting them in one buffer and writing
 * once is several times faster than a stdio call per piece. */
struct dump_buf {
	char *data;
	size_t len, cap;
	bool oom;
};

static int dump_append(const char *buf, size_t size, void *arg)
{
	struct dump_buf *b = arg;
	if (b->len + size > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (cap < b->len + size)
			cap *= 2;
		char *d = realloc(b->data, cap);
		if (!d) {
			b->oom = true;
			return -1;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, buf, size);
	b->len += size;
	return 0;
}

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(8))

static int dump(json_t *j, struct dump_buf *b, struct tpp_error *err)
{
	*b = (struct dump_buf){ 0 };
	int rc = json_dump_callback(j, dump_append, b, DUMP_FLAGS);
	if (rc != 0 || b->oom) {
		free(b->data);
		tpp_error_set(err, TPP_EX_OSERR, "cannot render JSON (out of memory)");
		return -1;
	}
	return 0;
}

/* Write `text` with `indent` spaces after every newline: a value dumped on
 * its own placed at a depth inside an enclosing document (JSON strings
 * hold no raw newlines, so every newline is structure). */
static void write_indented(FILE *f, const char *text, size_t len, const char *indent)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p + 1) : (size_t)(end - p);
		fwrite(p, 1, l, f);
		if (nl)
			fputs(indent, f);
		p += l;
	}
}

void json_stream_begin(struct json_stream *s, struct cli *c)
{
	*s = (struct json_stream){ .c = c };
	fputs("{\n  \"devices\": [", c->out);
}

int json_stream_device(struct json_stream *s, json_t *dev, struct tpp_error *err)
{
	struct dump_buf b;
	if (!dev) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory building JSON");
		return -1;
	}
	int rc = dump(dev, &b, err);
	json_decref(dev);
	if (rc)
		return -1;
	fputs(s->n++ ? ",\n    " : "\n    ", s->c->out);
	write_indented(s->c->out, b.data, b.len, "    ");
	free(b.data);
	return cli_spill(s->c, err);
}

int json_stream_end(struct json_stream *s, json_t *rest, struct tpp_error *err)
{
	struct dump_buf b;
	if (!rest) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory building JSON");
		return -1;
	}
	int rc = dump(rest, &b, err);
	bool empty = json_object_size(rest) == 0;
	json_decref(rest);
	if (rc)
		return -1;
	FILE *f = s->c->out;
	fputs(s->n ? "\n  ]" : "]", f);
	/* "devices" sorts before every other key of a document */
	if (empty)
		fputs("\n}", f);
	else
		fprintf(f, ",\n%.*s", (int)(b.len - 2), b.data + 2);
	fputc('\n', f);
	free(b.data);
	return 0;
}

int render_json_emit(struct cli *c, json_t *root, struct tpp_error *err)
{
	if (!root) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory building JSON");
		return -1;
	}
	struct dump_buf b;
	int rc = dump(root, &b, err);
	json_decref(root);
	if (rc)
		return -1;
	fwrite(b.data, 1, b.len, c->out);
	fputc('\n', c->out);
	free(b.data);
	return 0;
}
