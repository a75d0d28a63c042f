/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/render.h"

#include <math.h>
#include <stdio.h>
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

json_t *json_hex(unsigned v, int digits)
{
	char h[12];
	snprintf(h, sizeof(h), "%0*x", digits, v);
	return json_string(h);
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

/* The paragraph lists by kind and status, and the full per-paragraph evaluation. */
static void set_paragraph_lists(json_t *o, const struct classification *cl)
{
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
}

static json_t *margins_json(const struct classification *cl)
{
	json_t *margins = json_array();
	for (size_t i = 0; i < cl->n_margins; i++) {
		const struct margin *m = &cl->margins[i];
		json_t *mj = json_pack("{s:s, s:s, s:s, s:o, s:o, s:b}", "paragraph", m->para->id,
			"parameter", m->param, "operator", rule_op_symbol(m->op), "value", json_num(m->value),
			"threshold", json_num(m->threshold), "met", m->met);
		json_object_set_new(mj, "ratio", isfinite(m->ratio) ? json_real(m->ratio) : json_null());
		json_array_append_new(margins, mj);
	}
	return margins;
}

/* The value each parameter was evaluated with, and where it came from. */
static json_t *used_params_json(const struct classification *cl)
{
	const struct ruleset *rs = cl->rules;
	json_t *params = json_object();
	for (size_t i = 0; i < rs->n_params; i++) {
		const struct class_value *v = &cl->used[i];
		json_t *val = !cl->used_known[i] || v->is_range ? json_null()
			: v->is_bool ? json_boolean(v->boolean) : json_num(v->number);
		json_t *e = json_pack("{s:o, s:o}", "value", val,
			"source", cl->used_known[i] ? json_string(v->source) : json_null());
		if (cl->used_known[i] && v->is_range)
			json_object_set_new(e, "bounds", json_pack("{s:o, s:o, s:s}", "min", json_num(v->lo),
				"max", json_num(v->hi), "why", v->why ? v->why : ""));
		json_object_set_new(params, rs->params[i].name, e);
	}
	return params;
}

static json_t *end_json(double v)
{
	return isfinite(v) ? json_num(v) : json_null();
}

/* "open_input": what each range of the one input still open gives. */
static json_t *open_input_json(const struct classification *cl)
{
	if (!cl->n_regions)
		return json_null();
	json_t *regions = json_array();
	for (size_t i = 0; i < cl->n_regions; i++) {
		const struct open_region *r = &cl->regions[i];
		json_t *o = json_pack("{s:o, s:b, s:o, s:b, s:s, s:o, s:o, s:o}", "min", json_num(r->lo), "min_inclusive",
				      r->lo_incl, "max", end_json(r->hi), "max_inclusive", r->hi_incl, "status",
				      class_status_name(r->status), "eccn", json_str(r->eccn), "excluded_by",
				      json_str(r->excluded_by ? r->excluded_by->id : NULL), "needs", json_str(r->needs));
		if (r->has_area)
			json_object_set_new(o, "die_area_mm2",
					    json_pack("{s:o, s:b, s:o, s:b}", "min", json_num(r->area_lo), "min_inclusive",
						      r->area_lo_incl, "max", end_json(r->area_hi), "max_inclusive",
						      r->area_hi_incl));
		json_array_append_new(regions, o);
	}
	return json_pack("{s:s, s:o}", "parameter", cl->open_param, "regions", regions);
}

json_t *render_classification_json(const struct classification *cl)
{
	const struct ruleset *rs = cl->rules;
	json_t *o = json_object();
	json_object_set_new(o, "rule_set", json_string(rs->id));
	json_object_set_new(o, "status", json_string(class_status_name(cl->status)));
	json_object_set_new(o, "eccn", json_str(cl->eccn));
	json_object_set_new(o, "eccn_bound", cl->eccn ? json_string(eccn_bound_name(cl->eccn_bound)) : json_null());
	json_object_set_new(o, "decided_by_bounds", json_boolean(cl->decided_by_bounds));
	json_t *open = json_array();
	for (size_t i = 0; cl->eccn_bound == ECCN_AT_LEAST && i < cl->n_results; i++)
		if (cl->results[i].para->kind == PARA_CONTROL && cl->results[i].status == PS_UNDETERMINED)
			json_array_append_new(open, json_string(cl->results[i].para->id));
	json_object_set_new(o, "open_paragraphs", open);
	json_object_set_new(o, "open_input", open_input_json(cl));
	json_object_set_new(o, "excluded_by", json_str(cl->excluded_by ? cl->excluded_by->id : NULL));
	set_paragraph_lists(o, cl);
	json_object_set_new(o, "margins", margins_json(cl));
	json_object_set_new(o, "parameters", used_params_json(cl));

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

/* Write `text` with `indent` after every newline: a value dumped on its own
 * placed at a depth inside an enclosing document (JSON strings hold no raw
 * newlines, so every newline is structure). One write per call: a fleet's
 * output has millions of lines. */
static void write_indented(FILE *f, const char *text, size_t len, const char *indent)
{
	size_t il = strlen(indent), lines = 0;
	for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + len - p))); p++)
		lines++;
	char *buf = malloc(len + lines * il + 1);
	if (!buf) {   /* out of memory: slower, same bytes */
		for (size_t i = 0; i < len; i++) {
			fputc(text[i], f);
			if (text[i] == '\n')
				fputs(indent, f);
		}
		return;
	}
	char *o = buf;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p + 1) : (size_t)(end - p);
		memcpy(o, p, l);
		o += l;
		if (nl) {
			memcpy(o, indent, il);
			o += il;
		}
		p += l;
	}
	fwrite(buf, 1, (size_t)(o - buf), f);
	free(buf);
}

void json_stream_begin(struct json_stream *s, struct cli *c)
{
	*s = (struct json_stream){ .c = c, .shared_index = json_object() };
	fputs("{\n  \"devices\": [", c->out);
}

void json_stream_free(struct json_stream *s)
{
	for (size_t i = 0; i < s->n_shared; i++)
		free(s->shared_text[i]);
	free(s->shared_text);
	free(s->shared_len);
	json_decref(s->shared_index);
	s->shared_text = NULL;
	s->shared_len = NULL;
	s->shared_index = NULL;
	s->n_shared = s->cap_shared = 0;
}

/* The placeholder is a string starting with NUL: no other string can hold
 * one (every string comes from C strings or from jansson, which rejects
 * \u0000 in input), so its serialized form "\u0000<n>" is unambiguous. */
#define PLACEHOLDER "\"\\u0000"

json_t *json_stream_shared(struct json_stream *s, const char *k, json_t *(*build)(const void *arg), const void *arg)
{
	char ph[32];
	json_t *idx = json_object_get(s->shared_index, k);
	size_t i = idx ? (size_t)json_integer_value(idx) : s->n_shared;
	if (!idx) {
		if (s->n_shared == s->cap_shared) {
			size_t cap = s->cap_shared ? s->cap_shared * 2 : 16;
			char **t = realloc(s->shared_text, cap * sizeof(*t));
			size_t *l = t ? realloc(s->shared_len, cap * sizeof(*l)) : NULL;
			if (t)
				s->shared_text = t;
			if (!l)
				return NULL;
			s->shared_len = l;
			s->cap_shared = cap;
		}
		json_t *v = build(arg);
		struct dump_buf b = { 0 };
		int rc = v ? json_dump_callback(v, dump_append, &b, DUMP_FLAGS) : -1;
		json_decref(v);
		if (rc != 0 || b.oom) {
			free(b.data);
			return NULL;
		}
		s->shared_text[i] = b.data;
		s->shared_len[i] = b.len;
		s->n_shared++;
		json_object_set_new(s->shared_index, k, json_integer((json_int_t)i));
	}
	int n = snprintf(ph, sizeof(ph), "%c%zu", 0, i);
	return json_stringn(ph, (size_t)n);
}

/* Write a dumped device with its placeholders replaced by the shared text,
 * indented like the line the placeholder is on. */
static void write_spliced(struct json_stream *s, const char *text, size_t len, const char *indent)
{
	FILE *f = s->c->out;
	const char *p = text, *end = text + len;
	size_t pl = strlen(PLACEHOLDER);
	while (p < end) {
		const char *q = s->n_shared ? memmem(p, (size_t)(end - p), PLACEHOLDER, pl) : NULL;
		const char *stop = q ? q : end;
		write_indented(f, p, (size_t)(stop - p), indent);
		if (!q)
			break;
		char *after;
		size_t i = strtoul(q + pl, &after, 10);
		const char *line = q;
		while (line > text && line[-1] != '\n')
			line--;
		char lead[128];
		size_t w = strspn(line, " ");
		snprintf(lead, sizeof(lead), "%s%.*s", indent, (int)(w < 64 ? w : 64), line);
		if (i < s->n_shared)
			write_indented(f, s->shared_text[i], s->shared_len[i], lead);
		p = after + 1;   /* past the closing quote */
	}
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
	write_spliced(s, b.data, b.len, "    ");
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
	json_stream_free(s);
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
