/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/kb_internal.h"

#include <stdlib.h>
#include <string.h>

#include "classify/kb_embedded.h"

static int load_file(struct kb *kb, const struct data_file *df, struct tpp_error *err, json_t **root_out,
		     size_t *vendor_index)
{
	struct kb_file f = { .c = { df->path, err }, .kb = kb };
	json_t *root = jv_parse(&f.c, df->data, df->len);
	if (!root)
		return -1;
	*root_out = root;
	static const char *const keys[] = { "schema", "vendor", "vendor_name", "pci_vendor_ids", "revised",
		"sources", "architectures", "parts", NULL };
	double schema = 0;
	jv_only_keys(&f.c, root, "", keys);
	if (jv_number(&f.c, root, "", "schema", true, &schema) && schema != 1)
		jv_fail(&f.c, "schema", "version %g is not supported (this tppscan reads 1)", schema);
	struct kb_vendor *v = &kb->vendors[*vendor_index];
	f.vendor = v;
	v->file = df->path;
	v->id = jv_string(&f.c, root, "", "vendor", true);
	v->name = jv_string(&f.c, root, "", "vendor_name", true);
	jv_date(&f.c, root, "", "revised", true, &v->revised);
	json_t *ids = jv_array(&f.c, root, "", "pci_vendor_ids", true);
	if (jv_failed(&f.c))
		return -1;
	for (size_t i = 0; i < json_array_size(ids); i++) {
		json_t *s = json_array_get(ids, i);
		char p[64];
		if (!json_is_string(s) || v->n_pci_ids >= 8 || !kb_parse_hex16(json_string_value(s), &v->pci_ids[v->n_pci_ids])) {
			jv_fail(&f.c, jv_index_path(p, sizeof(p), "pci_vendor_ids", i),
				"must be four lower-case hex digits (at most 8 ids)");
			return -1;
		}
		v->n_pci_ids++;
	}
	if (!kb_parse_vendor_sources(&f, root))
		return -1;
	(*vendor_index)++;

	json_t *archs = jv_array(&f.c, root, "", "architectures", true);
	json_t *parts = jv_array(&f.c, root, "", "parts", true);
	if (jv_failed(&f.c))
		return -1;
	struct kb_arch *na = realloc(kb->archs, (kb->n_archs + json_array_size(archs) + 1) * sizeof(*na));
	struct kb_part *np = na ? realloc(kb->parts, (kb->n_parts + json_array_size(parts) + 1) * sizeof(*np)) : NULL;
	if (na)
		kb->archs = na;
	if (np)
		kb->parts = np;
	if (!na || !np) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < json_array_size(archs); i++) {
		char p[64];
		struct kb_arch *a = &kb->archs[kb->n_archs];
		*a = (struct kb_arch){ 0 };
		if (!kb_parse_arch(&f, json_array_get(archs, i), jv_index_path(p, sizeof(p), "architectures", i), a))
			return -1;
		kb->n_archs++;
	}
	for (size_t i = 0; i < json_array_size(parts); i++) {
		char p[64];
		struct kb_part *part = &kb->parts[kb->n_parts];
		*part = (struct kb_part){ 0 };
		jv_index_path(p, sizeof(p), "parts", i);
		if (!kb_parse_part(&f, json_array_get(parts, i), p, part))
			return -1;
		kb_compute_part(part);
		if (!kb_check_part_tpp(&f, part, p))
			return -1;
		kb->n_parts++;
	}
	for (size_t i = 0; i < v->n_sources; i++) {
		if (!f.used[i]) {
			char p[320];
			jv_fail(&f.c, jv_key_path(p, sizeof(p), "sources", v->sources[i].key),
				"defined but never cited");
			return -1;
		}
	}
	if (v->revised > kb->revised)
		kb->revised = v->revised;
	return 0;
}

int kb_load(struct kb *kb, const struct data_set *ds, struct tpp_error *err)
{
	*kb = (struct kb){ 0 };
	/* The built-in data was loaded and validated by this same code at
	 * build time (tools/kbgen.c); use the result. */
	if (tpp_generated_kb && strcmp(ds->origin, "embedded") == 0) {
		*kb = *tpp_generated_kb;
		kb->data = ds;
		return 0;
	}
	kb->data = ds;
	size_t n = data_set_select(ds, "devices", NULL, 0);
	const struct data_file **files = calloc(n ? n : 1, sizeof(*files));
	kb->roots = calloc(n ? n : 1, sizeof(*kb->roots));
	kb->vendors = calloc(n ? n : 1, sizeof(*kb->vendors));
	if (!files || !kb->roots || !kb->vendors) {
		free(files);
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		kb_free(kb);
		return -1;
	}
	data_set_select(ds, "devices", files, n);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = load_file(kb, files[i], err, &kb->roots[kb->n_roots], &kb->n_vendors);
		if (kb->roots[kb->n_roots])
			kb->n_roots++;
	}
	free(files);
	for (size_t i = 0; rc == 0 && i < kb->n_vendors; i++)
		for (size_t k = i + 1; k < kb->n_vendors; k++)
			if (strcmp(kb->vendors[i].id, kb->vendors[k].id) == 0) {
				tpp_error_set(err, TPP_EX_DATAERR, "%s: vendor '%s' is also the vendor of %s; one file per vendor",
					      kb->vendors[k].file, kb->vendors[k].id, kb->vendors[i].file);
				rc = -1;
			}
	for (size_t i = 0; rc == 0 && i < kb->n_archs; i++)
		for (size_t k = i + 1; k < kb->n_archs; k++)
			if (strcmp(kb->archs[i].id, kb->archs[k].id) == 0) {
				tpp_error_set(err, TPP_EX_DATAERR, "%s: architecture id '%s' is defined twice",
					      kb->archs[k].vendor->file, kb->archs[k].id);
				rc = -1;
			}
	for (size_t i = 0; rc == 0 && i < kb->n_parts; i++) {
		struct kb_part *p = &kb->parts[i];
		if (!p->arch_id)
			continue;
		p->arch = kb_find_arch(kb, p->arch_id);
		if (!p->arch) {
			tpp_error_set(err, TPP_EX_DATAERR, "%s: part %s: architecture '%s' is not defined in any devices file",
				      p->vendor->file, p->id, p->arch_id);
			rc = -1;
		}
	}
	if (rc == 0 && !(kb_check_uniqueness(kb, err) && kb_check_arch_rows(kb, err)))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < kb->n_parts; i++)
		if (!kb_check_part(err, &kb->parts[i]))
			rc = -1;
	if (rc)
		kb_free(kb);
	return rc;
}

void kb_free(struct kb *kb)
{
	if (kb->is_static) {
		/* rows parsed on demand point into roots about to be freed */
		for (size_t i = 0; i < kb->n_parts; i++)
			kb->parts[i].json = NULL;
		for (size_t i = 0; i < kb->n_roots; i++)
			json_decref(kb->roots[i]);
		free(kb->roots);
		*kb = (struct kb){ 0 };
		return;
	}
	for (size_t i = 0; i < kb->n_allocs; i++)
		free(kb->allocs[i]);
	free(kb->allocs);
	for (size_t i = 0; i < kb->n_roots; i++)
		json_decref(kb->roots[i]);
	free(kb->roots);
	free(kb->vendors);
	free(kb->archs);
	free(kb->parts);
	*kb = (struct kb){ 0 };
}

json_t *kb_part_row(struct kb *kb, const struct kb_part *p)
{
	if (p->json || !kb->data)
		return p->json;
	const struct data_file *df = NULL;
	for (size_t i = 0; i < kb->data->n && !df; i++)
		if (strcmp(kb->data->files[i].path, p->vendor->file) == 0)
			df = &kb->data->files[i];
	if (!df)
		return NULL;
	json_t *root = json_loadb(df->data, df->len, 0, NULL);
	json_t **roots = root ? realloc(kb->roots, (kb->n_roots + 1) * sizeof(*roots)) : NULL;
	if (!roots) {
		json_decref(root);
		return NULL;
	}
	kb->roots = roots;
	kb->roots[kb->n_roots++] = root;
	/* fill every part of this vendor file at once */
	json_t *parts = json_object_get(root, "parts");
	for (size_t i = 0; i < json_array_size(parts); i++) {
		json_t *row = json_array_get(parts, i);
		const char *id = json_string_value(json_object_get(row, "id"));
		struct kb_part *q = id ? (struct kb_part *)kb_find_id(kb, id) : NULL;
		if (q && q->vendor == p->vendor)
			q->json = row;
	}
	return p->json;
}
