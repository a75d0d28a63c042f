/* A strict, allocation-free JSON scanner for one-object lines (JSON Lines
 * reports, batch manifests): it validates the whole text against RFC 8259
 * (UTF-8 included) and reports each value with its member name and its
 * parent's, so a reader picks the members it needs without building a
 * tree. A million report lines a second go through it; jansson (which
 * builds a tree) remains the parser for documents.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_JSONSCAN_H
#define TPP_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>

#define JS_MAX_DEPTH 32

enum js_type { JS_STRING, JS_NUMBER, JS_TRUE, JS_FALSE, JS_NULL, JS_OBJECT, JS_ARRAY };

/* One value. depth 1 is a member of the top-level object; a member of an
 * object at depth 1 is depth 2 with `parent` its key; an array element has
 * no key. Containers are reported when they open (text NULL). */
struct js_event {
	unsigned depth;
	const char *key;          /* decoded, NUL-terminated; NULL for an array element */
	const char *parent;       /* key of the enclosing container, NULL at depth 1 */
	size_t key_len, parent_len;
	enum js_type type;
	const char *text;         /* a string decoded and NUL-terminated; a number's literal (not terminated) */
	size_t len;
};

/* A non-zero return stops the scan and is returned. */
typedef int (*js_fn)(void *arg, const struct js_event *e);

/* Scan `s` (modified in place: strings are decoded where they lie), which
 * must hold exactly one JSON object, white space around it allowed.
 * 0 when valid; -1 with "column N: problem" in msg; else the callback's. */
int json_scan(char *s, size_t len, js_fn fn, void *arg, char *msg, size_t msg_len);

/* A number event's value; false if it does not fit a double. */
bool js_number(const struct js_event *e, double *out);

#endif
