/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/fleet_input.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/fleet_doc.h"
#include "core/input.h"
#include "core/linereader.h"

#define MAX_DOCUMENT (256u << 20)

int fleet_input_problem(struct fleet_input *in, const char *file, unsigned long line, const char *what,
			struct tpp_error *err)
{
	in->problems++;
	if (in->n_kept < FLEET_PROBLEMS_KEPT) {
		struct fleet_problem *p = &in->kept[in->n_kept];
		if ((p->file = strdup(file))) {
			p->line = line;
			snprintf(p->what, sizeof(p->what), "%s", what);
			in->n_kept++;
		}
	}
	if (!in->strict)
		return 0;
	tpp_error_set(err, TPP_EX_DATAERR, "%s:%lu: %s (--strict)", file, line, what);
	return -1;
}

static int on_problem(void *arg, const char *file, unsigned long line, const char *what, struct tpp_error *err)
{
	return fleet_input_problem(arg, file, line, what, err);
}

static int on_scan(void *arg, const struct fleet_scan *s, struct tpp_error *err)
{
	struct fleet_input *in = arg;
	in->scans++;
	return in->on_scan(in->arg, s, err);
}

void fleet_input_init(struct fleet_input *in, fleet_scan_fn scan_fn, void *arg, bool strict)
{
	*in = (struct fleet_input){ .strict = strict, .on_scan = scan_fn, .arg = arg };
	fleet_assembler_init(&in->as, on_scan, on_problem, in);
}

void fleet_input_free(struct fleet_input *in)
{
	for (size_t i = 0; i < in->n_kept; i++)
		free(in->kept[i].file);
	fleet_assembler_free(&in->as);
}

static int bad_line(struct fleet_input *in, const char *file, unsigned long line, const char *what,
		    struct tpp_error *err)
{
	in->bad_lines++;
	return fleet_assembler_bad_line(&in->as, file, line, what, err);
}

struct doc_arg {
	struct fleet_input *in;
	const char *file;
};

static int doc_record(void *arg, const struct fleet_record *r, struct tpp_error *err)
{
	struct doc_arg *d = arg;
	return fleet_assembler_add(&d->in->as, r, d->file, 1, err);
}

/* A JSON document: the rest of the file, read whole (bounded). */
static int read_document(struct fleet_input *in, struct line_reader *lr, struct tpp_error *err)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap), *line;
	size_t n;
	int rc = buf ? 0 : -1;
	if (rc)
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	if (buf)
		memcpy(buf, "{\n", 2), len = 2;
	while (!rc && (rc = line_reader_next(lr, &line, &n, err)) == 1) {
		in->lines++;
		if (len + n + 2 > MAX_DOCUMENT) {
			free(buf);
			return bad_line(in, lr->name, 1, "a JSON document larger than 256 MiB", err);
		}
		while (len + n + 2 > cap) {
			char *b = realloc(buf, cap *= 2);
			if (!b) {
				free(buf);
				tpp_error_set(err, TPP_EX_OSERR, "out of memory");
				return -1;
			}
			buf = b;
		}
		memcpy(buf + len, line, n);
		len += n;
		buf[len++] = '\n';
		rc = 0;
	}
	if (rc < 0) {
		free(buf);
		return -1;
	}
	char msg[300];
	struct doc_arg d = { in, lr->name };
	rc = fleet_doc_read(buf, len, doc_record, &d, msg, sizeof(msg), err);
	free(buf);
	if (rc > 0)
		return bad_line(in, lr->name, 1, msg, err);
	return rc;
}

static int read_lines(struct fleet_input *in, struct line_reader *lr, struct tpp_error *err)
{
	char *line, msg[300];
	size_t n;
	int rc;
	bool first = true;
	while ((rc = line_reader_next(lr, &line, &n, err)) == 1) {
		in->lines++;
		if (lr->overlong) {
			if (bad_line(in, lr->name, lr->line, "a line longer than 1 MiB", err))
				return -1;
			continue;
		}
		if (n == 0)
			continue;   /* an empty line holds no record */
		if (first && n == 1 && line[0] == '{')
			return read_document(in, lr, err);
		first = false;
		if (fleet_record_parse(line, n, &in->rec, msg, sizeof(msg))) {
			if (bad_line(in, lr->name, lr->line, msg, err))
				return -1;
		} else if (fleet_assembler_add(&in->as, &in->rec, lr->name, lr->line, err)) {
			return -1;
		}
	}
	return rc;
}

/* One file; in a directory (flags INPUT_NO_SYMLINK) a file that cannot be
 * read is a problem, on the command line an error. */
static int read_file(struct fleet_input *in, const char *path, bool in_dir, struct tpp_error *err)
{
	struct line_reader lr;
	struct tpp_error open_err = { 0 };
	if (line_reader_open(&lr, path, in_dir ? INPUT_NO_SYMLINK : 0, &open_err)) {
		if (!in_dir || open_err.status == TPP_EX_OSERR) {
			*err = open_err;
			return -1;
		}
		in->bad_files++;
		const char *why = strstr(open_err.msg, ": ");
		return on_problem(in, path, 0, why ? why + 2 : open_err.msg, err);
	}
	in->files++;
	int rc = read_lines(in, &lr, err);
	if (!rc)
		rc = fleet_assembler_end_file(&in->as, err);
	line_reader_close(&lr);
	return rc;
}

static bool report_name(const char *n)
{
	size_t l = strlen(n);
	static const char *const ext[] = { ".jsonl", ".ndjson", ".json" };
	if (n[0] == '.')
		return false;   /* hidden, or a textfile writer's temporary file */
	for (size_t i = 0; i < 3; i++) {
		size_t e = strlen(ext[i]);
		if (l > e && !strcmp(n + l - e, ext[i]))
			return true;
	}
	return false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(struct fleet_input *in, const char *dir, char ***out, size_t *n, struct tpp_error *err)
{
	DIR *d = opendir(dir);
	if (!d) {
		tpp_error_set(err, input_errno_status(errno), "%s: %s", dir, strerror(errno));
		return -1;
	}
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!report_name(e->d_name)) {
			in->ignored++;
			continue;
		}
		if (*n == cap) {
			char **v = realloc(*out, (cap = cap ? cap * 2 : 256) * sizeof(*v));
			if (!v)
				break;
			*out = v;
		}
		size_t l = strlen(dir) + strlen(e->d_name) + 2;
		if (!((*out)[*n] = malloc(l)))
			break;
		snprintf((*out)[(*n)++], l, "%s/%s", dir, e->d_name);
	}
	bool oom = e != NULL;
	closedir(d);
	if (oom) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	qsort(*out, *n, sizeof(**out), cmp_name);
	return 0;
}

static int read_dir(struct fleet_input *in, const char *dir, struct tpp_error *err)
{
	char **names = NULL;
	size_t n = 0;
	int rc = list_dir(in, dir, &names, &n, err);
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = read_file(in, names[i], true, err);
		free(names[i]);
	}
	free(names);
	return rc;
}

int fleet_input_read(struct fleet_input *in, char *const *sources, size_t n, struct tpp_error *err)
{
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		const char *s = sources[i];
		int rc;
		if (strcmp(s, "-") && stat(s, &st) == 0 && S_ISDIR(st.st_mode))
			rc = read_dir(in, s, err);
		else
			rc = read_file(in, s, false, err);
		if (rc)
			return -1;
	}
	in->incomplete = in->as.incomplete;
	return 0;
}

void fleet_input_report(const struct fleet_input *in, const char *cmd, FILE *f)
{
	if (!in->problems)
		return;
	fprintf(f, "tppscan %s: %lu problem%s in the reports (%lu malformed line%s, %lu incomplete scan%s, %lu "
		"unreadable file%s, %lu conflicting scan%s), first %zu:\n", cmd, in->problems, in->problems == 1 ? "" : "s",
		in->bad_lines, in->bad_lines == 1 ? "" : "s", in->as.incomplete, in->as.incomplete == 1 ? "" : "s",
		in->bad_files, in->bad_files == 1 ? "" : "s", in->conflicts, in->conflicts == 1 ? "" : "s", in->n_kept);
	for (size_t i = 0; i < in->n_kept; i++)
		fprintf(f, "  %s:%lu: %s\n", in->kept[i].file, in->kept[i].line, in->kept[i].what);
}
