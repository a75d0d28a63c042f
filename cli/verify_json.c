/* The evidence report of tppscan verify: the JSON contract (tppscan(1),
 * EVIDENCE REPORT). Every key is documented there; the report only grows.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "cli/render.h"
#include "cli/render_device.h"
#include "cli/render_licence.h"
#include "cli/verify_run.h"

static json_t *serials_json(const struct decl_line *l)
{
	json_t *a = json_array();
	for (size_t k = 0; k < l->n_serials; k++)
		json_array_append_new(a, json_string(l->serials[k]));
	return a;
}

static json_t *line_json(const struct verify_run *r, struct device_json_ctx *x, size_t i)
{
	const struct decl_line *l = &r->decl.lines[i];
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I}", "line", (json_int_t)i + 1, "origin", l->origin, "query",
			      l->query, "match", l->match, "quantity", (json_int_t)l->quantity);
	json_object_set_new(o, "part", device_json(x, &r->declared[i]));
	json_object_set_new(o, "serials", serials_json(l));
	json_object_set_new(o, "declared_tpp", l->tpp_set ? json_num(l->tpp) : json_null());
	json_object_set_new(o, "declared_pd", l->pd_set ? json_num(l->pd) : json_null());
	json_object_set_new(o, "declared_figures_classification",
			    r->figures[i].cl ? device_json_classification(x, r->figures[i].cl) : json_null());
	size_t subs = 0;
	json_t *slots = json_array();
	for (size_t j = 0; j < r->res.n; j++) {
		if (r->vr.line_of[j] != i)
			continue;
		subs += r->vr.substitute[j];
		json_array_append_new(slots, json_string(r->res.items[j].dev[0]->slot));
	}
	json_object_set_new(o, "found", json_integer((json_int_t)r->vr.matched[i]));
	json_object_set_new(o, "substitutes", json_integer((json_int_t)subs));
	json_object_set_new(o, "slots", slots);
	return o;
}

static json_t *declaration_json(const struct verify_run *r, struct device_json_ctx *x)
{
	json_t *lines = json_array();
	for (size_t i = 0; i < r->decl.n; i++)
		json_array_append_new(lines, line_json(r, x, i));
	json_t *o = json_pack("{s:s, s:o, s:o, s:I}", "source", r->o->manifest ? "manifest" : "option", "manifest",
			      json_str(r->o->manifest), "reference", json_str(r->decl.reference), "total_quantity",
			      (json_int_t)declaration_quantity(&r->decl));
	json_object_set_new(o, "lines", lines);
	return o;
}

static json_t *devices_json(const struct verify_run *r, struct device_json_ctx *x)
{
	json_t *a = json_array();
	for (size_t j = 0; j < r->res.n; j++) {
		json_t *d = device_json(x, &r->found[j]);
		size_t line = r->vr.line_of[j];
		json_object_set_new(d, "declaration_line",
				    line == VERIFY_NONE ? json_null() : json_integer((json_int_t)line + 1));
		json_object_set_new(d, "substitute", json_boolean(r->vr.substitute[j]));
		json_array_append_new(a, d);
	}
	return a;
}

static json_t *findings_json(const struct verify_run *r)
{
	json_t *a = json_array();
	for (size_t k = 0; k < r->vr.n; k++) {
		const struct finding *f = &r->vr.findings[k];
		json_t *o = json_pack("{s:s, s:s, s:s}", "severity", finding_severity_name(f->severity), "code", f->code,
				      "explanation", f->text);
		json_object_set_new(o, "line", f->line == VERIFY_NONE ? json_null() : json_integer((json_int_t)f->line + 1));
		json_object_set_new(o, "slot", f->device == VERIFY_NONE ? json_null()
					       : json_string(r->res.items[f->device].dev[0]->slot));
		json_object_set_new(o, "found", *f->found ? json_string(f->found) : json_null());
		json_object_set_new(o, "expected", *f->expected ? json_string(f->expected) : json_null());
		json_object_set_new(o, "where", *f->where ? json_string(f->where) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *result_json(const struct verify_run *r)
{
	int status = verify_exit_status(&r->vr);
	return json_pack("{s:s, s:i, s:I, s:I, s:I}", "verdict", status ? "mismatch" : "match", "exit_status", status,
			 "mismatches", (json_int_t)r->vr.n_mismatch, "warnings", (json_int_t)r->vr.n_warning, "info",
			 (json_int_t)r->vr.n_info);
}

/* The shipment asked about and, per declared line and per device found,
 * the answer in one line; the full answer (reasons, conditions) is in each
 * record's "licence" object. */
static json_t *licence_answer_json(const struct verify_run *r, const struct assessment *a)
{
	char summary[600], compared[320];
	licence_summary(summary, sizeof(summary), &a->licence, &r->c->dest);
	verify_licence_answer(a, compared, sizeof(compared));
	return json_pack("{s:o, s:s, s:s}", "required", a->licence.required < 0 ? json_null()
			 : json_boolean(a->licence.required), "answer", compared, "summary", summary);
}

static json_t *shipment_json(const struct verify_run *r)
{
	const struct lic_query *q = &r->c->licq;
	bool asked = r->c->want_licence;
	json_t *o = json_pack("{s:b, s:o, s:o, s:o, s:b}", "requested", asked, "destination", json_str(asked ? q->dest : NULL),
			      "headquarters", json_str(asked ? q->hq : NULL), "ship_from", json_str(asked ? q->from : NULL),
			      "diffusion_applied", asked && q->diffusion);
	json_t *declared = json_array(), *found = json_array();
	for (size_t i = 0; asked && i < r->decl.n; i++) {
		json_t *e = licence_answer_json(r, &r->declared[i]);
		json_object_set_new(e, "line", json_integer((json_int_t)i + 1));
		json_array_append_new(declared, e);
	}
	for (size_t j = 0; asked && j < r->res.n; j++) {
		json_t *e = licence_answer_json(r, &r->found[j]);
		json_object_set_new(e, "slot", json_string(r->res.items[j].dev[0]->slot));
		json_array_append_new(found, e);
	}
	json_object_set_new(o, "declared", declared);
	json_object_set_new(o, "found", found);
	return o;
}

static json_t *source_json(const struct verify_run *r)
{
	const struct probe_ctx *ctx = &r->o->src.ctx;
	json_t *s = json_object();
	json_object_set_new(s, "description", json_string(r->source));
	json_object_set_new(s, "dump", json_str(ctx->dump_file));
	json_object_set_new(s, "sysfs", ctx->dump_file ? json_null() : json_string(ctx->sysfs_root ? ctx->sysfs_root : "/sys"));
	json_object_set_new(s, "procfs", json_str(ctx->procfs_root ? ctx->procfs_root : ctx->sysfs_root || ctx->dump_file ? NULL : "/proc"));
	json_object_set_new(s, "rom_dir", json_str(r->o->src.rom_dir));
	json_object_set_new(s, "read_rom", json_boolean(r->o->src.read_rom));
	/* NVML answers for the host (or the library named) only, never for a dump */
	bool nvml = !ctx->no_nvml && !ctx->dump_file;
	json_object_set_new(s, "nvml", json_string(!nvml ? "off" : ctx->nvml_library ? ctx->nvml_library : "default"));
	json_t *notes = json_array();
	for (size_t i = 0; i < r->list.n_notes; i++)
		json_array_append_new(notes, json_pack("{s:s, s:s}", "what", r->list.notes[i].what, "reason",
						       r->list.notes[i].reason));
	json_object_set_new(s, "notes", notes);
	return s;
}

/* What the digests cover, in words: a third party must know what was not
 * hashed as well as what was. */
static json_t *coverage_json(const struct verify_run *r)
{
	const struct probe_ctx *ctx = &r->o->src.ctx;
	json_t *a = json_array();
	json_array_append_new(a, json_string("each entry is the SHA-256 of the bytes read from the file, taken when they "
					     "were read; a file read twice with different contents is listed twice"));
	if (r->o->manifest)
		json_array_append_new(a, json_string("the declaration manifest, whole"));
	if (ctx->dump_file)
		json_array_append_new(a, json_string("the lspci dump, whole (libpci then parses the same file)"));
	else {
		json_array_append_new(a, json_string("every sysfs and procfs file tppscan's own readers read (PCIe link "
			"attributes, amdgpu, KFD, accel, i915/xe and NVIDIA procfs files), as read"));
		json_array_append_new(a, json_string("each listed function's identity files (config, vendor, device, "
			"subsystem_vendor, subsystem_device, class, revision), read again after libpci, which reads them "
			"itself and does not report its reads; libpci's other reads (the directory listing, resource, irq) "
			"are not hashed"));
	}
	if (r->o->src.rom_dir || r->o->src.read_rom)
		json_array_append_new(a, json_string("each option ROM image read, whole"));
	if (!ctx->no_nvml && !ctx->dump_file)
		json_array_append_new(a, json_string("NVML answers calls, not files: each value it gave is in the device's "
			"functions with the call named; the library itself is not hashed"));
	if (!ctx->no_drm && !ctx->dump_file && !ctx->sysfs_root)
		json_array_append_new(a, json_string("DRM ioctls answer calls, not files: each value they gave names the "
			"ioctl"));
	return a;
}

static json_t *evidence_json(const struct verify_run *r)
{
	json_t *inputs = json_array();
	for (size_t i = 0; i < r->log.n; i++) {
		const struct read_entry *e = &r->log.v[i];
		json_array_append_new(inputs, json_pack("{s:s, s:s, s:I, s:s, s:s}", "path", e->path, "kind", e->kind, "bytes",
							(json_int_t)e->bytes, "sha256", e->sha256, "read_by", e->read_by));
	}
	json_t *o = json_object();
	json_object_set_new(o, "inputs", inputs);
	json_object_set_new(o, "coverage", coverage_json(r));
	return o;
}

static json_t *test_json(const struct verify_run *r)
{
	char d[11];
	tpp_date_format(r->c->as_of, d);
	return json_pack("{s:s, s:s, s:s, s:s, s:s}", "time", r->now, "time_from", r->now_pinned ? "TPPSCAN_NOW" : "clock",
			 "host", r->host, "host_from", r->host_from, "as_of", d);
}

json_t *verify_report_json(struct verify_run *r)
{
	read_log_sort(&r->log);
	json_t *root = render_json_header(r->c);
	struct device_json_ctx x;
	device_json_init(&x, &r->c->kb, NULL);
	json_object_set_new(root, "document", json_string("tppscan-verify-report"));
	json_object_set_new(root, "test", test_json(r));
	json_object_set_new(root, "declaration", declaration_json(r, &x));
	json_object_set_new(root, "source", source_json(r));
	json_object_set_new(root, "devices", devices_json(r, &x));
	json_object_set_new(root, "findings", findings_json(r));
	json_object_set_new(root, "result", result_json(r));
	json_object_set_new(root, "licence", shipment_json(r));
	json_object_set_new(root, "evidence", evidence_json(r));
	device_json_free(&x);
	return root;
}
