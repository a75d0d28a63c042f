/* The data set: rule sets and knowledge base, embedded or from --data-dir.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_DATAFILES_H
#define TPP_DATAFILES_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct data_file {
	const char *path;   /* "thresholds/2023-11-17.json" or "DIR/thresholds/..." */
	const char *data;   /* NUL-terminated */
	size_t len;
};

/* Generated at build time by tools/embed.c. */
extern const struct data_file tpp_embedded_files[];
extern const size_t tpp_embedded_count;

struct data_set {
	struct data_file *files;
	size_t n;
	const char *origin;     /* "embedded" or the directory */
	char **owned;           /* buffers and paths read from disk */
	size_t n_owned;
	uint32_t hash;          /* FNV-1a over names and contents: the data identity */
};

/* dir == NULL: the embedded data. Otherwise DIR/thresholds/ *.json and
 * DIR/devices/ *.json in name order; both must hold at least one file
 * (66), and a link or non-regular file inside them is refused (66).
 * DIR/destinations/ *.json is read too when the folder exists. */
int data_set_load(struct data_set *ds, const char *dir, struct tpp_error *err);
void data_set_free(struct data_set *ds);
/* Files whose path has the directory component `sub` ("thresholds"). */
size_t data_set_select(const struct data_set *ds, const char *sub,
		       const struct data_file **out, size_t max);

#endif
