/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/scan_view.h"

#include "cli/render.h"
#include "cli/render_device.h"

int scan_view_json(const struct scan_report *r, struct tpp_error *err)
{
	struct cli *c = r->c;
	struct device_json_ctx x;
	struct json_stream s;
	json_stream_begin(&s, c);
	device_json_init(&x, &c->kb, &s);
	int rc = 0;
	for (size_t i = 0; i < r->n && !rc; i++)
		rc = json_stream_device(&s, device_json(&x, &r->records[i]), err);
	device_json_free(&x);
	if (rc) {
		json_stream_free(&s);
		return -1;
	}
	json_t *root = render_json_header(c);
	json_t *src = json_object();
	json_object_set_new(src, "dump", json_str(r->ctx->dump_file));
	json_object_set_new(src, "sysfs", r->ctx->dump_file ? json_null()
				  : json_string(r->ctx->sysfs_root ? r->ctx->sysfs_root : "/sys"));
	json_object_set_new(src, "procfs", json_str(r->ctx->procfs_root ? r->ctx->procfs_root
						    : r->ctx->sysfs_root ? NULL : "/proc"));
	json_object_set_new(root, "source", src);
	json_t *notes = json_array();
	for (size_t i = 0; i < r->list->n_notes; i++)
		json_array_append_new(notes, json_pack("{s:s, s:s}", "what", r->list->notes[i].what, "reason",
						       r->list->notes[i].reason));
	json_object_set_new(root, "notes", notes);
	const struct scan_host *h = r->host;
	if (h && h->host_id_from && (h->host_id_arg || h->site_arg || h->country_arg))
		json_object_set_new(root, "host", json_pack("{s:s, s:o, s:o, s:o, s:s}", "host_id", h->labels.host_id,
			"site", *h->labels.site ? json_string(h->labels.site) : json_null(),
			"country", *h->labels.country ? json_string(h->labels.country) : json_null(),
			"hostname", *h->hostname ? json_string(h->hostname) : json_null(),
			"scan_time", h->labels.scan_time));
	return json_stream_end(&s, root, err);
}
