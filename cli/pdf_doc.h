/* A flowing A4 document on cairo for verify's PDF: wrapped text, new pages
 * as needed, a footer on every page ("page N of M", M from a first pass).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CLI_PDF_DOC_H
#define TPP_CLI_PDF_DOC_H

#include <cairo.h>
#include <stdbool.h>

#define DOC_PAGE_W 595.28   /* A4 in points */
#define DOC_PAGE_H 841.89
#define DOC_MARGIN 46.0
#define DOC_TEXT_W (DOC_PAGE_W - 2 * DOC_MARGIN)

struct doc_style {
	double size;
	bool bold, mono;
	double rgb[3];
};

struct pdf_doc {
	cairo_t *cr;
	double y;                 /* top of the next line */
	int page;                 /* 1-based */
	int pages;                /* the total, 0 on the first pass */
	char footer[200];
};

void doc_begin(struct pdf_doc *d, cairo_t *cr, int pages, const char *footer);
/* Ends the current page (footer, show page) and starts the next. */
void doc_new_page(struct pdf_doc *d);
void doc_end(struct pdf_doc *d);
/* A new page unless h more points fit on this one. */
void doc_need(struct pdf_doc *d, double h);
/* Height of text wrapped to width w; drawn with its first line's top at
 * (x, y) when draw is true. Long words (paths, digests) break anywhere. */
double doc_text(struct pdf_doc *d, double x, double y, double w, const char *text, const struct doc_style *st,
		bool draw);
/* A paragraph at the left margin, flowing onto the next page if needed. */
void doc_para(struct pdf_doc *d, const char *text, const struct doc_style *st, double indent);

#endif
