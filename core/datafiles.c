/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/datafiles.h"
#include "core/input.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DATA_FILE (16u << 20)  /* a data file larger than this is a mistake */

static uint32_t fnv1a(uint32_t h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* "thresholds/2023-11-17.json" from ".../thresholds/2023-11-17.json". */
static const char *relative_name(const char *p)
{
	const char *b = base_name(p);
	const char *sub = b;
	if (b - p >= 2) {
		sub = b - 2;
		while (sub > p && sub[-1] != '/')
			sub--;
	}
	return sub;
}

static int cmp_relative(const void *a, const void *b)
{
	const struct data_file *const *x = a, *const *y = b;
	return strcmp(relative_name((*x)->path), relative_name((*y)->path));
}

/* The hash covers "sub/name" and the bytes of every file, in name order,
 * so the same data embedded or loaded from a directory has one identity. */
static void hash_files(struct data_set *ds)
{
	uint32_t h = 2166136261u;
	const struct data_file **order = malloc((ds->n ? ds->n : 1) * sizeof(*order));
	if (!order) {
		ds->hash = 0;
		return;
	}
	for (size_t i = 0; i < ds->n; i++)
		order[i] = &ds->files[i];
	if (ds->n > 1)
		qsort(order, ds->n, sizeof(*order), cmp_relative);
	for (size_t i = 0; i < ds->n; i++) {
		const char *sub = relative_name(order[i]->path);
		h = fnv1a(h, sub, strlen(sub));
		h = fnv1a(h, "", 1);
		h = fnv1a(h, order[i]->data, order[i]->len);
	}
	free(order);
	ds->hash = h;
}

static int keep(struct data_set *ds, char *p, struct tpp_error *err)
{
	char **o = realloc(ds->owned, (ds->n_owned + 1) * sizeof(*o));
	if (!o) {
		free(p);
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	ds->owned = o;
	ds->owned[ds->n_owned++] = p;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Links inside the data directory are refused: a rule set must come from
 * the tree the user named, not from wherever a link points. */
static int read_whole(const char *path, char **buf, size_t *len, struct tpp_error *err)
{
	return input_read_file(NULL, path, "a data file", INPUT_NO_SYMLINK, MAX_DATA_FILE, buf, len, err);
}

static int load_dir(struct data_set *ds, const char *dir, const char *sub, bool optional, struct tpp_error *err)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	DIR *d = opendir(path);
	if (!d && optional && errno == ENOENT)
		return 0;
	if (!d) {
		tpp_error_set(err, errno == EACCES ? TPP_EX_NOPERM : TPP_EX_NOINPUT,
			      "%s: cannot open directory: %s", path, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".json") != 0)
			continue;
		char **nn = realloc(names, (n + 1) * sizeof(*nn));
		if (!nn || !(nn[n] = strdup(e->d_name))) {
			free(nn ? nn : names);
			closedir(d);
			tpp_error_set(err, TPP_EX_OSERR, "out of memory");
			return -1;
		}
		names = nn;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (rc == 0) {
			char *full = malloc(strlen(path) + strlen(names[i]) + 2);
			char *buf = NULL;
			size_t len = 0;
			struct data_file *nf = realloc(ds->files, (ds->n + 1) * sizeof(*nf));
			if (!full || !nf) {
				free(full);
				if (nf)
					ds->files = nf;
				tpp_error_set(err, TPP_EX_OSERR, "out of memory");
				rc = -1;
			} else {
				ds->files = nf;
				sprintf(full, "%s/%s", path, names[i]);
				if (keep(ds, full, err) || read_whole(full, &buf, &len, err) ||
				    keep(ds, buf, err))
					rc = -1;
				else
					ds->files[ds->n++] = (struct data_file){ full, buf, len };
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int data_set_load(struct data_set *ds, const char *dir, struct tpp_error *err)
{
	*ds = (struct data_set){ .origin = "embedded" };
	if (!dir) {
		ds->files = malloc((tpp_embedded_count ? tpp_embedded_count : 1) * sizeof(*ds->files));
		if (!ds->files) {
			tpp_error_set(err, TPP_EX_OSERR, "out of memory");
			return -1;
		}
		memcpy(ds->files, tpp_embedded_files, tpp_embedded_count * sizeof(*ds->files));
		ds->n = tpp_embedded_count;
		hash_files(ds);
		return 0;
	}
	ds->origin = dir;
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		tpp_error_set(err, TPP_EX_NOINPUT, "data directory %s: %s", dir,
			      stat(dir, &st) != 0 ? strerror(errno) : "not a directory");
		return -1;
	}
	/* destinations/ (licence decisions, the Diffusion figures) is needed only
	 * by the commands that use it, which say so */
	if (load_dir(ds, dir, "thresholds", false, err) || load_dir(ds, dir, "devices", false, err) ||
	    load_dir(ds, dir, "destinations", true, err)) {
		data_set_free(ds);
		return -1;
	}
	/* A data set without rules or without a knowledge base would classify
	 * every device as unknown without saying why: refuse it. */
	static const char *const need[] = { "thresholds", "devices" };
	for (size_t i = 0; i < 2; i++) {
		const struct data_file *probe;
		if (data_set_select(ds, need[i], &probe, 1) == 0) {
			tpp_error_set(err, TPP_EX_NOINPUT, "%s/%s: no %s (*.json) found", dir, need[i],
				      i ? "knowledge-base file" : "rule set");
			data_set_free(ds);
			return -1;
		}
	}
	hash_files(ds);
	return 0;
}

void data_set_free(struct data_set *ds)
{
	for (size_t i = 0; i < ds->n_owned; i++)
		free(ds->owned[i]);
	free(ds->owned);
	free(ds->files);
	*ds = (struct data_set){ 0 };
}

size_t data_set_select(const struct data_set *ds, const char *sub,
		       const struct data_file **out, size_t max)
{
	size_t n = 0, sl = strlen(sub);
	for (size_t i = 0; i < ds->n; i++) {
		const char *p = ds->files[i].path;
		const char *b = base_name(p);
		/* the component right before the base name must equal sub */
		if ((size_t)(b - p) < sl + 1 || strncmp(b - sl - 1, sub, sl) != 0)
			continue;
		if (b - p > (long)sl + 1 && b[-(long)sl - 2] != '/')
			continue;
		if (n < max)
			out[n] = &ds->files[i];
		n++;
	}
	return n;
}
