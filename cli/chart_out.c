/* The chart alone as an SVG, PNG or PDF file, made in memory so that the
 * file is written whole (core/outfile.h).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/chart.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/render.h"

#define CHART_W 760.0
#define CHART_H 600.0
#define PNG_SCALE 2.0

bool chart_format_of(const char *path, enum chart_format *f)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return false;
	if (!strcasecmp(dot, ".svg"))
		*f = CHART_SVG;
	else if (!strcasecmp(dot, ".png"))
		*f = CHART_PNG;
	else if (!strcasecmp(dot, ".pdf"))
		*f = CHART_PDF;
	else
		return false;
	return true;
}

cairo_status_t chart_buf_write(void *closure, const unsigned char *data, unsigned int length)
{
	struct chart_buf *b = closure;
	if (b->len + length > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (cap < b->len + length)
			cap *= 2;
		unsigned char *d = realloc(b->data, cap);
		if (!d) {
			b->oom = true;
			return CAIRO_STATUS_WRITE_ERROR;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, length);
	b->len += length;
	return CAIRO_STATUS_SUCCESS;
}

static void xml_append(struct chart_buf *b, const char *s)
{
	for (; *s; s++) {
		const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '"' ? "&quot;" : NULL;
		chart_buf_write(b, (const unsigned char *)(e ? e : s), e ? (unsigned)strlen(e) : 1);
	}
}

static void raw_append(struct chart_buf *b, const char *s)
{
	chart_buf_write(b, (const unsigned char *)s, (unsigned)strlen(s));
}

/* The chart in words: what a reader of the SVG (or a test) can check
 * without rendering it. */
static void describe(const struct chart_spec *s, struct chart_buf *b)
{
	char one[512], v[32], w[32];
	xml_append(b, "Thresholds:");
	for (size_t i = 0; i < s->reg->n_thr; i++) {
		snprintf(one, sizeof(one), " %s %s (%s);", s->reg->thr[i].is_pd ? "PD" : "TPP",
			 fmt_num(v, sizeof(v), s->reg->thr[i].value), s->reg->thr[i].paragraphs);
		xml_append(b, one);
	}
	xml_append(b, " Regions:");
	for (size_t i = 0; i < s->reg->n_regions; i++) {
		snprintf(one, sizeof(one), " %s;", s->reg->regions[i].label);
		xml_append(b, one);
	}
	snprintf(one, sizeof(one), " Parts plotted: %zu;", s->pts ? s->pts->n : 0);
	xml_append(b, one);
	for (size_t i = 0; s->pts && i < s->pts->n; i++) {
		const struct chart_point *p = &s->pts->v[i];
		static const char *const roles[] = { "part", "declared", "found", "probed" };
		snprintf(one, sizeof(one), " %s [%s%s] TPP %s PD %s;", p->label, roles[p->role],
			 p->mismatch ? ", mismatch" : "", fmt_num(v, sizeof(v), p->tpp), fmt_num(w, sizeof(w), p->pd));
		xml_append(b, one);
	}
}

/* cairo's SVG has no text (glyphs are outlines): give it a title and a
 * description right after the <svg> element opens. */
static int svg_annotate(const struct chart_spec *s, struct chart_buf *in, struct chart_buf *out)
{
	const unsigned char *svg = in->len > 4 ? memmem(in->data, in->len, "<svg", 4) : NULL;
	const unsigned char *gt = svg ? memchr(svg, '>', in->len - (size_t)(svg - in->data)) : NULL;
	if (!gt)
		return -1;
	size_t head = (size_t)(gt + 1 - in->data);
	chart_buf_write(out, in->data, (unsigned)head);
	raw_append(out, "\n<title>");
	xml_append(out, s->title);
	raw_append(out, "</title>\n<desc>");
	describe(s, out);
	raw_append(out, "</desc>");
	chart_buf_write(out, in->data + head, (unsigned)(in->len - head));
	return out->oom ? -1 : 0;
}

static cairo_surface_t *surface_for(enum chart_format f, struct chart_buf *b, const char *when)
{
	cairo_surface_t *sf;
	if (f == CHART_PNG)
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(CHART_W * PNG_SCALE), (int)(CHART_H * PNG_SCALE));
	if (f == CHART_SVG) {
		sf = cairo_svg_surface_create_for_stream(chart_buf_write, b, CHART_W, CHART_H);
		cairo_svg_surface_restrict_to_version(sf, CAIRO_SVG_VERSION_1_1);
		return sf;
	}
	sf = cairo_pdf_surface_create_for_stream(chart_buf_write, b, CHART_W, CHART_H);
	/* a reproducible file: the dates are the chart's time, not the clock's */
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, when);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, when);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, "TPP-PD chart");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "tppscan " TPPSCAN_VERSION);
	return sf;
}

int chart_render(const struct chart_spec *s, enum chart_format f, const char *when, unsigned char **data, size_t *len,
		 struct tpp_error *err)
{
	struct chart_buf b = { 0 }, out = { 0 };
	cairo_surface_t *sf = surface_for(f, &b, when);
	cairo_t *cr = cairo_create(sf);
	if (f == CHART_PNG)
		cairo_scale(cr, PNG_SCALE, PNG_SCALE);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	chart_draw(cr, 0, 0, CHART_W, CHART_H, s);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	if (f == CHART_PNG && st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_write_to_png_stream(sf, chart_buf_write, &b);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	int rc = st == CAIRO_STATUS_SUCCESS && !b.oom ? 0 : -1;
	if (!rc && f == CHART_SVG) {
		rc = svg_annotate(s, &b, &out);
		free(b.data);
		b = out;
	}
	if (rc) {
		free(b.data);
		tpp_error_set(err, TPP_EX_SOFTWARE, "cannot draw the chart: %s",
			      b.oom ? "out of memory" : cairo_status_to_string(st));
		return -1;
	}
	*data = b.data;
	*len = b.len;
	return 0;
}

void chart_release_fonts(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}
