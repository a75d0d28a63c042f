/* classify --batch FILE|-: one result per input line, in order, streamed.
 * Figures go through the verdict cache (one evaluation per threshold
 * region, shared by the assessor), parts through the knowledge base; the
 * verdict columns of each classification are rendered once and reused,
 * and each output line is written in one piece.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/classify_batch.h"

#include <stdlib.h>
#include <string.h>

#include "classify/verdict_cache.h"
#include "cli/batch_input.h"
#include "cli/render.h"
#include "cli/render_part.h"
#include "core/linereader.h"

#define KEPT 10

struct fragment {
	const struct classification *cl;
	char *csv;          /* "rule_set,status,eccn,label,paragraphs,excluded_by,license_exceptions" */
	char *json;         /* the classification object, compact */
	size_t csv_len, json_len;
};

struct batch {
	struct cli *c;
	struct assessor as;
	struct verdict_cache *vc;
	bool json_in, json_out, strict;
	struct batch_header header;
	bool have_header;
	struct fragment *frag;          /* open addressing by classification pointer */
	size_t n_frag, cap_frag;
	unsigned long lines, results, errors;
	struct { unsigned long line; char what[200]; } kept[KEPT];
	size_t n_kept;
	const char *name;
};

/* --- verdict columns, rendered once per classification ------------------------ */

static void join_list(char *buf, size_t n, const struct classification *cl, enum rule_para_kind kind, const char *sep)
{
	buf[0] = '\0';
	for (size_t i = 0; i < cl->n_results; i++)
		if (cl->results[i].para->kind == kind && cl->results[i].status == PS_MET)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", *buf ? sep : "", cl->results[i].para->id);
}

static json_t *verdict_json(const struct classification *cl)
{
	json_t *o = json_object(), *paras = json_array(), *exc = json_array();
	for (size_t i = 0; i < cl->n_results; i++)
		if (cl->results[i].status == PS_MET && cl->results[i].para->kind == PARA_CONTROL)
			json_array_append_new(paras, json_string(cl->results[i].para->id));
		else if (cl->results[i].status == PS_MET && cl->results[i].para->kind == PARA_EXCEPTION)
			json_array_append_new(exc, json_string(cl->results[i].para->id));
	json_object_set_new(o, "rule_set", json_string(cl->rules->id));
	json_object_set_new(o, "status", json_string(class_status_name(cl->status)));
	json_object_set_new(o, "eccn", json_str(cl->eccn));
	json_object_set_new(o, "eccn_bound", cl->eccn ? json_string(eccn_bound_name(cl->eccn_bound)) : json_null());
	json_object_set_new(o, "label", json_string(classification_label(cl)));
	json_object_set_new(o, "paragraphs", paras);
	json_object_set_new(o, "excluded_by", json_str(cl->excluded_by ? cl->excluded_by->id : NULL));
	json_object_set_new(o, "license_exceptions", exc);
	return o;
}

static char *verdict_csv(const struct classification *cl, size_t *len)
{
	char paras[256], exc[256], *buf = NULL;
	join_list(paras, sizeof(paras), cl, PARA_CONTROL, ";");
	join_list(exc, sizeof(exc), cl, PARA_EXCEPTION, ";");
	FILE *f = open_memstream(&buf, len);
	if (!f)
		return NULL;
	csv_field(f, cl->rules->id, false);
	csv_field(f, class_status_name(cl->status), false);
	csv_field(f, cl->eccn, false);
	csv_field(f, classification_label(cl), false);
	csv_field(f, paras, false);
	csv_field(f, cl->excluded_by ? cl->excluded_by->id : "", false);
	csv_field(f, exc, false);
	fclose(f);
	return buf;
}

static bool frag_grow(struct batch *b)
{
	size_t cap = b->cap_frag ? b->cap_frag * 2 : 64;
	struct fragment *f = calloc(cap, sizeof(*f));
	if (!f)
		return false;
	for (size_t i = 0; i < b->cap_frag; i++)
		if (b->frag[i].cl) {
			size_t k = ((uintptr_t)b->frag[i].cl >> 4) & (cap - 1);
			while (f[k].cl)
				k = (k + 1) & (cap - 1);
			f[k] = b->frag[i];
		}
	free(b->frag);
	b->frag = f;
	b->cap_frag = cap;
	return true;
}

static const struct fragment *fragment_of(struct batch *b, const struct classification *cl, struct tpp_error *err)
{
	size_t k = b->cap_frag ? ((uintptr_t)cl >> 4) & (b->cap_frag - 1) : 0;
	for (; b->cap_frag && b->frag[k].cl; k = (k + 1) & (b->cap_frag - 1))
		if (b->frag[k].cl == cl)
			return &b->frag[k];
	if ((b->n_frag + 1) * 2 > b->cap_frag && !frag_grow(b))
		goto oom;
	k = ((uintptr_t)cl >> 4) & (b->cap_frag - 1);
	while (b->frag[k].cl)
		k = (k + 1) & (b->cap_frag - 1);
	struct fragment *f = &b->frag[k];
	f->csv = verdict_csv(cl, &f->csv_len);
	json_t *j = verdict_json(cl);
	f->json = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(8)) : NULL;
	json_decref(j);
	if (!f->csv || !f->json) {
		free(f->csv);
		free(f->json);
		goto oom;
	}
	f->json_len = strlen(f->json);
	f->cl = cl;
	b->n_frag++;
	return f;
oom:
	tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	return NULL;
}

/* --- one line ---------------------------------------------------------------------- */

/* A part query as lookup takes it; a shared PCI ID takes the highest-rated
 * candidate, as scan does, so nothing is under-rated. */
static const struct kb_part *find_part(struct batch *b, const char *q, char *msg, size_t msg_len)
{
	const struct kb_part *cand[8], *part = NULL;
	size_t n = 0;
	const struct kb *kb = &b->c->kb;
	if (kb_looks_like_pci_query(q)) {
		struct kb_pci_key key;
		if (!kb_parse_pci_query(q, &key)) {
			snprintf(msg, msg_len, "part: '%.40s' is not a PCI ID (vvvv:dddd or vvvv:dddd:ssss:ssss)", q);
			return NULL;
		}
		enum kb_match m = kb_match_pci(kb, key.vendor, key.device, key.has_subsys, key.subsys_vendor,
					       key.subsys_device, &part, cand, 8, &n);
		if (m == KB_MATCH_AMBIGUOUS)
			part = kb_highest_rated(cand, n < 8 ? n : 8);
		if (!part)
			snprintf(msg, msg_len, "part: no part has PCI ID %.40s", q);
		return part;
	}
	enum kb_lookup r = kb_lookup_name(kb, q, cand, 8, &n);
	if (r == KB_LOOKUP_EXACT || r == KB_LOOKUP_PREFIX)
		return cand[0];
	if (r == KB_LOOKUP_NONE)
		snprintf(msg, msg_len, "part: no part matches '%.40s'", q);
	else
		snprintf(msg, msg_len, "part: '%.40s' matches %zu parts (%s, %s%s); give a longer name or a PCI ID", q, n,
			 cand[0]->id, cand[1]->id, n > 2 ? ", ..." : "");
	return NULL;
}

static void note_error(struct batch *b, unsigned long line, const char *what)
{
	b->errors++;
	if (b->n_kept < KEPT) {
		b->kept[b->n_kept].line = line;
		snprintf(b->kept[b->n_kept++].what, sizeof(b->kept[0].what), "%s", what);
	}
}

/* Append text to a line being built (bounded; a longer line is cut, which
 * cannot happen: every field is bounded). */
struct linebuf {
	char b[2048];
	size_t n;
};

static void put(struct linebuf *l, const char *s, size_t n)
{
	size_t room = l->n < sizeof(l->b) ? sizeof(l->b) - l->n : 0;
	if (n > room)
		n = room;
	memcpy(l->b + l->n, s, n);
	l->n += n;
}

static void put_csv(struct linebuf *l, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		put(l, s, strlen(s));
		return;
	}
	put(l, "\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			put(l, "\"\"", 2);
		else
			put(l, s, 1);
	}
	put(l, "\"", 1);
}

static void put_num(struct linebuf *l, const char *given, const struct metric_value *m)
{
	char num[32];
	if (given && m->source == METRIC_DECLARED)
		put(l, given, strlen(given));   /* as written: exact, and no formatting cost */
	else if (m->known) {
		const char *t = fmt_num(num, sizeof(num), m->value);
		put(l, t, strlen(t));
	}
}

static void csv_line(struct batch *b, unsigned long line, const struct batch_row *r, const struct assessment *a,
		     const struct fragment *f, const char *error)
{
	struct linebuf l = { .n = 0 };
	char num[24], *p = num + sizeof(num);
	*--p = ',';
	do
		*--p = (char)('0' + line % 10);
	while ((line /= 10));
	put(&l, p, (size_t)(num + sizeof(num) - p));
	put_csv(&l, r->set[BC_ID] ? r->text[BC_ID] : "");
	put(&l, ",", 1);
	put_csv(&l, a && a->part ? a->part->id : "");
	put(&l, ",", 1);
	if (a)
		put_num(&l, r->set[BC_TPP] ? r->text[BC_TPP] : NULL, &a->tpp);
	put(&l, ",", 1);
	if (a)
		put_num(&l, r->set[BC_PD] ? r->text[BC_PD] : NULL, &a->pd);
	put(&l, ",", 1);
	if (f)
		put(&l, f->csv, f->csv_len);
	else
		put(&l, ",error,,,,,,", 12);
	put_csv(&l, error ? error : "");
	put(&l, "\n", 1);
	fwrite_unlocked(l.b, 1, l.n, b->c->out);
}

static int json_line(struct batch *b, unsigned long line, const struct batch_row *r, const struct assessment *a,
		     const struct fragment *f, const char *error, struct tpp_error *err)
{
	json_t *o = json_object();
	json_object_set_new(o, "line", json_integer((json_int_t)line));
	json_object_set_new(o, "id", r->set[BC_ID] ? json_string(r->text[BC_ID]) : json_null());
	json_object_set_new(o, "part", a && a->part ? json_string(a->part->id) : json_null());
	json_object_set_new(o, "tpp", a && a->tpp.known ? json_num(a->tpp.value) : json_null());
	json_object_set_new(o, "pd", a && a->pd.known ? json_num(a->pd.value) : json_null());
	json_object_set_new(o, "error", json_str(error));
	/* the classification is serialized once per verdict and spliced in */
	json_object_set_new(o, "classification", f ? json_stringn("", 1) : json_null());
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(8));
	json_decref(o);
	if (!s) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	char *ph = f ? strstr(s, "\"\\u0000\"") : NULL;
	if (ph) {
		fwrite_unlocked(s, 1, (size_t)(ph - s), b->c->out);
		fwrite_unlocked(f->json, 1, f->json_len, b->c->out);
		fputs_unlocked(ph + 8, b->c->out);
	} else {
		fputs_unlocked(s, b->c->out);
	}
	fputc_unlocked('\n', b->c->out);
	free(s);
	return 0;
}

/* Classify one row: 0 with a, or 1 with msg for a row that cannot be. */
static int classify_row(struct batch *b, const struct batch_row *r, struct assessment *a, char *msg, size_t msg_len,
			struct tpp_error *err)
{
	struct declared_figures d;
	struct class_input in;
	int kind = batch_row_figures(r, &d, &in, msg, msg_len);
	if (kind < 0)
		return 1;
	if (kind == 1) {
		const struct kb_part *p = find_part(b, r->text[BC_PART], msg, msg_len);
		return !p ? 1 : assess_part(&b->as, NULL, p, a, err) ? -1 : 0;
	}
	struct tpp_error row_err = { 0 };
	if (assess_declared_input(&b->as, &d, &in, a, &row_err)) {
		const char *why = strstr(row_err.msg, "classify: ");
		snprintf(msg, msg_len, "%.190s", why ? why + 10 : row_err.msg);
		return row_err.status == TPP_EX_USAGE ? 1 : (*err = row_err, -1);
	}
	a->cl = verdict_cache_get(b->vc, &b->as, &in, err);
	return a->cl ? 0 : -1;
}

static int one_line(struct batch *b, char *line, size_t len, unsigned long lineno, struct tpp_error *err)
{
	struct batch_row r;
	struct assessment a;
	char msg[200];
	int rc = b->json_in ? batch_json_row(line, len, &r, msg, sizeof(msg))
			    : batch_csv_row(&b->header, line, len, &r, msg, sizeof(msg));
	if (rc) {
		rc = 1;   /* r keeps what was read before the problem: the id, if any */
	} else if ((rc = classify_row(b, &r, &a, msg, sizeof(msg), err)) < 0) {
		return -1;
	}
	const struct fragment *f = rc ? NULL : fragment_of(b, a.cl, err);
	if (!rc && !f)
		return -1;
	if (rc) {
		note_error(b, lineno, msg);
		if (b->strict) {
			tpp_error_set(err, TPP_EX_DATAERR, "%s:%lu: %s (--strict)", b->name, lineno, msg);
			return -1;
		}
	}
	b->results++;
	if (b->json_out)
		return json_line(b, lineno, &r, rc ? NULL : &a, f, rc ? msg : NULL, err);
	csv_line(b, lineno, &r, rc ? NULL : &a, f, rc ? msg : NULL);
	return 0;
}

/* --- the run ------------------------------------------------------------------------- */

static const char csv_header[] = "line,id,part,tpp,pd,rule_set,status,eccn,label,paragraphs,excluded_by,"
				 "license_exceptions,error\n";

/* The first line decides the form: '{' starts JSON Lines, anything else
 * is the CSV header. */
static int first_line(struct batch *b, char *line, size_t len, struct tpp_error *err)
{
	size_t skip = strspn(line, " \t");
	b->json_in = line[skip] == '{';
	if (b->c->format == FMT_TEXT)
		b->json_out = b->json_in;
	if (!b->json_out)
		fputs(csv_header, b->c->out);
	if (b->json_in)
		return 0;
	char msg[400];
	if (batch_header_parse(line, len, &b->header, msg, sizeof(msg))) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s:1: %s", b->name, msg);
		return -1;
	}
	b->have_header = true;
	return 1;   /* the header is not a row */
}

static int run(struct batch *b, const char *path, struct tpp_error *err)
{
	struct line_reader lr;
	if (line_reader_open(&lr, path, 0, err))
		return -1;
	b->name = lr.name;
	char *line;
	size_t len;
	int rc;
	bool started = false;
	while ((rc = line_reader_next(&lr, &line, &len, err)) == 1) {
		b->lines++;
		if (!lr.overlong && strspn(line, " \t") == len)
			continue;   /* a blank line holds no row */
		if (!started) {
			started = true;
			int f = lr.overlong ? 0 : first_line(b, line, len, err);
			if (f < 0)
				break;
			if (f > 0)
				continue;
		}
		if (lr.overlong) {
			struct batch_row r = { 0 };
			note_error(b, lr.line, "a line longer than 1 MiB");
			if ((rc = b->strict ? -1 : 0) < 0) {
				tpp_error_set(err, TPP_EX_DATAERR, "%s:%lu: a line longer than 1 MiB (--strict)", b->name, lr.line);
				break;
			}
			b->results++;
			if (b->json_out ? json_line(b, lr.line, &r, NULL, NULL, "a line longer than 1 MiB", err)
					: (csv_line(b, lr.line, &r, NULL, NULL, "a line longer than 1 MiB"), 0))
				break;
			continue;
		}
		if (one_line(b, line, len, lr.line, err))
			break;
		if ((b->results & 4095) == 0 && cli_spill(b->c, err))
			break;
	}
	line_reader_close(&lr);
	return rc == 0 ? 0 : -1;
}

static void report(const struct batch *b)
{
	if (!b->errors)
		return;
	fprintf(stderr, "tppscan classify: %lu line%s of %s could not be classified (first %zu):\n", b->errors,
		b->errors == 1 ? "" : "s", b->name, b->n_kept);
	for (size_t i = 0; i < b->n_kept; i++)
		fprintf(stderr, "  %s:%lu: %s\n", b->name, b->kept[i].line, b->kept[i].what);
}

int classify_batch(struct cli *c, const char *path, bool strict, struct tpp_error *err)
{
	struct batch b = { .c = c, .strict = strict, .json_out = c->format == FMT_JSONL };
	if (c->format == FMT_JSON) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan classify: --batch writes csv or jsonl (one result per line), not json");
		return -1;
	}
	/* a large buffer: a million result lines must not mean a million writes */
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	if (assessor_init(&b.as, &c->kb, c->rs, c->as_of, err))
		return -1;
	int rc = (b.vc = verdict_cache_new(c->rs)) ? 0 : -1;
	if (rc)
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	if (!rc)
		rc = run(&b, path, err);
	if (!rc)
		report(&b);
	for (size_t i = 0; i < b.cap_frag; i++) {
		free(b.frag[i].csv);
		free(b.frag[i].json);
	}
	free(b.frag);
	verdict_cache_free(b.vc);
	assessor_free(&b.as);
	return rc;
}
