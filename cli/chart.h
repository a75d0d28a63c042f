/* The TPP-PD chart: the 3A090 regions of a rule set (classify/chart_regions)
 * on log axes, thresholds drawn and labelled, parts marked. Drawn with
 * cairo into a box of any surface (verify's PDF page, plot's SVG, PNG or
 * PDF). A renderer: the regions and verdicts come from classify/.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CLI_CHART_H
#define TPP_CLI_CHART_H

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "classify/chart_regions.h"
#include "core/error.h"

enum chart_role {
	CHART_PART,        /* a knowledge-base part or a scanned device (plot): coloured by vendor */
	CHART_DECLARED,    /* verify: the declared part */
	CHART_FOUND,       /* verify: a part found */
	CHART_PROBED,      /* verify: a found part's probed estimate, where it differs */
};

struct chart_point {
	char label[96];
	double tpp, pd;
	enum chart_role role;
	int datacenter;           /* 1, 0, -1 unknown */
	const char *group;        /* legend key of a CHART_PART (the vendor's name) */
	bool mismatch;            /* a found part with a mismatch finding */
	size_t count;             /* identical points drawn once, "x8" */
};

struct chart_points {
	struct chart_point *v;
	size_t n, cap;
	size_t n_unplotted;       /* without a known TPP and PD above zero */
	char unplotted[400];      /* their names, as far as they fit */
};

/* Add a point; one with an unknown or zero TPP or PD is counted as not
 * plotted. Identical points (label, role, values) are counted once. */
bool chart_points_add(struct chart_points *p, const struct chart_point *pt, bool tpp_known, bool pd_known);
void chart_points_free(struct chart_points *p);

struct chart_spec {
	const struct chart_regions *reg;
	const struct chart_points *pts;
	char title[200];
	bool labels;              /* names beside the markers (few points) */
};

/* Draw into the box (x, y, w, h) of cr, in cr's units. */
void chart_draw(cairo_t *cr, double x, double y, double w, double h, const struct chart_spec *s);

enum chart_format { CHART_SVG, CHART_PNG, CHART_PDF };
/* From a file name's extension; false if it is not .svg, .png or .pdf. */
bool chart_format_of(const char *path, enum chart_format *f);
/* The chart alone as a file, in memory. A PDF's creation date is `when`
 * (YYYY-MM-DDTHH:MM:SSZ); an SVG carries a <title> and a <desc> that say
 * in words what it shows (rule set, thresholds, parts). */
int chart_render(const struct chart_spec *s, enum chart_format f, const char *when, unsigned char **data, size_t *len,
		 struct tpp_error *err);

/* Release cairo's font caches once nothing is drawn any more: cairo and
 * fontconfig keep them for the life of the process, which a leak checker
 * (make SANITIZE=1 check) reports. */
void chart_release_fonts(void);

/* cairo output streams into memory, shared with verify's PDF. */
struct chart_buf {
	unsigned char *data;
	size_t len, cap;
	bool oom;
};
cairo_status_t chart_buf_write(void *closure, const unsigned char *data, unsigned int length);
/* The text of a threshold's paragraphs shortened: "3A090.a.1" -> "a.1". */
void chart_short_label(const char *in, char *out, size_t n);

#endif
