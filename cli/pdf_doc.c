/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/pdf_doc.h"

#include <stdio.h>
#include <string.h>

static void style(cairo_t *cr, const struct doc_style *st)
{
	cairo_select_font_face(cr, st->mono ? "DejaVu Sans Mono" : "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       st->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, st->size);
	cairo_set_source_rgb(cr, st->rgb[0], st->rgb[1], st->rgb[2]);
}

static double width_of(cairo_t *cr, const char *s, size_t n)
{
	char buf[1024];
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	cairo_text_extents_t e;
	cairo_text_extents(cr, buf, &e);
	return e.x_advance;
}

/* The longest prefix of s[0..n) (whole UTF-8 characters) that fits w. */
static size_t fit(cairo_t *cr, const char *s, size_t n, double w)
{
	size_t best = 0;
	for (size_t i = 1; i <= n; i++) {
		if (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (width_of(cr, s, i) > w)
			break;
		best = i;
	}
	return best ? best : 1;
}

static void show(cairo_t *cr, double x, double y, const char *s, size_t n, bool draw)
{
	if (!draw)
		return;
	char buf[1024];
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, buf);
}

double doc_text(struct pdf_doc *d, double x, double y, double w, const char *text, const struct doc_style *st,
		bool draw)
{
	cairo_t *cr = d->cr;
	double lh = st->size * 1.3, h = 0;
	style(cr, st);
	const char *p = text;
	while (*p) {
		/* the longest run of whole words that fits, else part of a word */
		size_t len = strcspn(p, "\n"), take = 0;
		if (!len) {   /* an empty line */
			h += lh;
			p++;
			continue;
		}
		for (size_t i = 0; i <= len; i++)
			if ((i == len || p[i] == ' ') && width_of(cr, p, i) <= w)
				take = i;
			else if (i == len || p[i] == ' ')
				break;
		if (!take)
			take = fit(cr, p, len, w);
		show(cr, x, y + h + st->size, p, take, draw);
		h += lh;
		p += take;
		while (*p == ' ')
			p++;
		if (*p == '\n' && take == len)
			p++;
	}
	return h ? h : lh;
}

void doc_para(struct pdf_doc *d, const char *text, const struct doc_style *st, double indent)
{
	double h = doc_text(d, DOC_MARGIN + indent, d->y, DOC_TEXT_W - indent, text, st, false);
	doc_need(d, h);
	doc_text(d, DOC_MARGIN + indent, d->y, DOC_TEXT_W - indent, text, st, true);
	d->y += h;
}

static void footer(struct pdf_doc *d)
{
	static const struct doc_style st = { 6.5, false, false, { 0.35, 0.35, 0.35 } };
	char b[260];
	if (d->pages)
		snprintf(b, sizeof(b), "%s  -  page %d of %d", d->footer, d->page, d->pages);
	else
		snprintf(b, sizeof(b), "%s  -  page %d", d->footer, d->page);
	doc_text(d, DOC_MARGIN, DOC_PAGE_H - DOC_MARGIN + 14, DOC_TEXT_W, b, &st, true);
}

void doc_begin(struct pdf_doc *d, cairo_t *cr, int pages, const char *text)
{
	*d = (struct pdf_doc){ .cr = cr, .y = DOC_MARGIN, .page = 1, .pages = pages };
	snprintf(d->footer, sizeof(d->footer), "%s", text);
}

void doc_new_page(struct pdf_doc *d)
{
	footer(d);
	cairo_show_page(d->cr);
	d->page++;
	d->y = DOC_MARGIN;
}

void doc_end(struct pdf_doc *d)
{
	footer(d);
	cairo_show_page(d->cr);
}

void doc_need(struct pdf_doc *d, double h)
{
	if (d->y + h > DOC_PAGE_H - DOC_MARGIN && d->y > DOC_MARGIN)
		doc_new_page(d);
}
