/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/chart.h"
#include "core/grow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/render.h"

#define FONT "DejaVu Sans"
#define MAX_GROUPS 16

/* The plot area in cairo units and the decades it spans. */
struct frame {
	double x0, y0, w, h;
	double lx0, lx1, ly0, ly1;
};

static double px(const struct frame *f, double tpp)
{
	double v = tpp > 0 ? log10(tpp) : f->lx0;
	v = v < f->lx0 ? f->lx0 : v > f->lx1 ? f->lx1 : v;
	return f->x0 + (v - f->lx0) / (f->lx1 - f->lx0) * f->w;
}

static double py(const struct frame *f, double pd)
{
	double v = pd > 0 ? log10(pd) : f->ly0;
	v = v < f->ly0 ? f->ly0 : v > f->ly1 ? f->ly1 : v;
	return f->y0 + f->h - (v - f->ly0) / (f->ly1 - f->ly0) * f->h;
}

static void font(cairo_t *cr, double size, bool bold)
{
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static void text_at(cairo_t *cr, double x, double y, const char *s, double align)
{
	cairo_text_extents_t e;
	cairo_text_extents(cr, s, &e);
	cairo_move_to(cr, x - align * e.x_advance, y);
	cairo_show_text(cr, s);
}

/* Decades that hold every threshold (with room around it) and every point. */
static void decades(const struct chart_spec *s, struct frame *f)
{
	double lo[2] = { INFINITY, INFINITY }, hi[2] = { 0, 0 };
	for (size_t i = 0; i < s->reg->n_thr; i++) {
		int a = s->reg->thr[i].is_pd;
		lo[a] = fmin(lo[a], s->reg->thr[i].value / 4);
		hi[a] = fmax(hi[a], s->reg->thr[i].value * 4);
	}
	for (size_t i = 0; s->pts && i < s->pts->n; i++) {
		lo[0] = fmin(lo[0], s->pts->v[i].tpp / 1.5);
		hi[0] = fmax(hi[0], s->pts->v[i].tpp * 1.5);
		lo[1] = fmin(lo[1], s->pts->v[i].pd / 1.5);
		hi[1] = fmax(hi[1], s->pts->v[i].pd * 1.5);
	}
	f->lx0 = isinf(lo[0]) ? 1 : floor(log10(lo[0]));
	f->lx1 = hi[0] <= 0 ? 5 : ceil(log10(hi[0]));
	f->ly0 = isinf(lo[1]) ? -2 : floor(log10(lo[1]));
	f->ly1 = hi[1] <= 0 ? 2 : ceil(log10(hi[1]));
	if (f->lx1 <= f->lx0)
		f->lx1 = f->lx0 + 1;
	if (f->ly1 <= f->ly0)
		f->ly1 = f->ly0 + 1;
}

/* Tier colours (a red, b orange, c violet), lighter for each further
 * region of the same tier; not controlled green, undetermined grey. */
static void region_colour(const struct chart_regions *reg, size_t i, double rgb[3])
{
	static const double tiers[][3] = { { 0.93, 0.55, 0.52 }, { 0.98, 0.76, 0.48 }, { 0.78, 0.72, 0.92 } };
	const struct chart_region *g = &reg->regions[i];
	const double *base = g->status == CLASS_UNDETERMINED ? (const double[]){ 0.84, 0.84, 0.84 }
			     : g->status == CLASS_NOT_CONTROLLED ? (const double[]){ 0.85, 0.93, 0.85 }
			     : g->tier < 3 ? tiers[g->tier] : (const double[]){ 0.75, 0.82, 0.92 };
	size_t k = 0;
	for (size_t j = 0; j < i; j++)
		k += reg->regions[j].status == g->status && reg->regions[j].tier == g->tier;
	double t = fmin(0.16 * (double)k, 0.6);
	for (int c = 0; c < 3; c++)
		rgb[c] = base[c] + (1 - base[c]) * t;
}

static void cell_box(const struct frame *f, const struct chart_cell *c, double *x, double *y, double *w, double *h)
{
	double xa = c->tpp_lo > 0 ? px(f, c->tpp_lo) : f->x0, xb = isinf(c->tpp_hi) ? f->x0 + f->w : px(f, c->tpp_hi);
	double ya = c->pd_lo > 0 ? py(f, c->pd_lo) : f->y0 + f->h, yb = isinf(c->pd_hi) ? f->y0 : py(f, c->pd_hi);
	*x = xa;
	*y = yb;
	*w = xb - xa;
	*h = ya - yb;
}

static void hatch(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.6);
	for (double d = -h; d < w; d += 7) {
		cairo_move_to(cr, x + d, y + h);
		cairo_line_to(cr, x + d + h, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void draw_regions(cairo_t *cr, const struct frame *f, const struct chart_regions *reg)
{
	for (size_t i = 0; i < reg->n_cells; i++) {
		double x, y, w, h, rgb[3];
		cell_box(f, &reg->cells[i], &x, &y, &w, &h);
		region_colour(reg, reg->cells[i].region, rgb);
		cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
		cairo_rectangle(cr, x, y, w, h);
		cairo_fill(cr);
		if (reg->regions[reg->cells[i].region].status == CLASS_UNDETERMINED)
			hatch(cr, x, y, w, h);
	}
	/* each region named once, in its largest cell */
	font(cr, 8.5, true);
	cairo_set_source_rgb(cr, 0.25, 0.2, 0.2);
	for (size_t g = 0; g < reg->n_regions; g++) {
		double best = 0, bx = 0, by = 0;
		for (size_t i = 0; i < reg->n_cells; i++) {
			double x, y, w, h;
			cell_box(f, &reg->cells[i], &x, &y, &w, &h);
			if (reg->cells[i].region == g && w * h > best) {
				best = w * h;
				bx = x + w / 2;
				by = y + h / 2;
			}
		}
		char label[120];
		chart_short_label(reg->regions[g].label, label, sizeof(label));
		if (best > 0)
			text_at(cr, bx, by + 3, label, 0.5);
	}
}

void chart_short_label(const char *in, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = in; *p && o + 1 < n;) {
		if (!strncmp(p, "3A090.", 6) && (p == in || p[-1] == ' ')) {
			p += 6;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
}

static void tick_label(char *buf, size_t n, double decade)
{
	double v = pow(10, decade);
	if (decade < 0)
		snprintf(buf, n, "%.*f", (int)-decade, v);
	else
		snprintf(buf, n, "%.0f", v);
}

static void draw_axes(cairo_t *cr, const struct frame *f)
{
	char b[32];
	cairo_set_line_width(cr, 0.4);
	font(cr, 8, false);
	for (double d = f->lx0; d <= f->lx1 + 1e-9; d++) {
		double x = px(f, pow(10, d));
		cairo_set_source_rgba(cr, 0, 0, 0, 0.25);
		cairo_move_to(cr, x, f->y0);
		cairo_line_to(cr, x, f->y0 + f->h);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		tick_label(b, sizeof(b), d);
		text_at(cr, x, f->y0 + f->h + 12, b, d + 1e-9 >= f->lx1 ? 1.0 : d - 1e-9 <= f->lx0 ? 0.0 : 0.5);
	}
	for (double d = f->ly0; d <= f->ly1 + 1e-9; d++) {
		double y = py(f, pow(10, d));
		cairo_set_source_rgba(cr, 0, 0, 0, 0.25);
		cairo_move_to(cr, f->x0, y);
		cairo_line_to(cr, f->x0 + f->w, y);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		tick_label(b, sizeof(b), d);
		text_at(cr, f->x0 - 5, y + 3, b, 1);
	}
	cairo_set_line_width(cr, 1);
	cairo_rectangle(cr, f->x0, f->y0, f->w, f->h);
	cairo_stroke(cr);
	font(cr, 9, false);
	text_at(cr, f->x0 + f->w / 2, f->y0 + f->h + 27, "TPP: total processing performance (bit length x dense TOPS), log scale", 0.5);
	cairo_save(cr);
	cairo_translate(cr, f->x0 - 38, f->y0 + f->h / 2);
	cairo_rotate(cr, -M_PI / 2);
	text_at(cr, 0, 0, "PD: TPP per mm\xc2\xb2 of applicable die area, log scale", 0.5);
	cairo_restore(cr);
}

/* Dashed and labelled: "TPP 4800" up the line, "PD 5.92" along it. */
static void draw_thresholds(cairo_t *cr, const struct frame *f, const struct chart_regions *reg)
{
	const double dash[] = { 5, 3 };
	char b[64], v[32];
	font(cr, 8, true);
	for (size_t i = 0; i < reg->n_thr; i++) {
		const struct chart_threshold *t = &reg->thr[i];
		snprintf(b, sizeof(b), "%s %s", t->is_pd ? "PD" : "TPP", fmt_num(v, sizeof(v), t->value));
		cairo_set_source_rgb(cr, 0.15, 0.15, 0.35);
		cairo_set_line_width(cr, 1.2);
		cairo_set_dash(cr, dash, 2, 0);
		if (t->is_pd) {
			double y = py(f, t->value);
			cairo_move_to(cr, f->x0, y);
			cairo_line_to(cr, f->x0 + f->w, y);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			text_at(cr, f->x0 + f->w - 4, y - 3, b, 1);
		} else {
			double x = px(f, t->value);
			cairo_move_to(cr, x, f->y0);
			cairo_line_to(cr, x, f->y0 + f->h);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			cairo_save(cr);
			cairo_translate(cr, x + 10, f->y0 + 4);
			cairo_rotate(cr, M_PI / 2);
			text_at(cr, 0, 0, b, 0);
			cairo_restore(cr);
		}
	}
	cairo_set_dash(cr, NULL, 0, 0);
}

static const double palette[][3] = {
	{ 0.12, 0.47, 0.71 }, { 0.17, 0.63, 0.17 }, { 0.84, 0.15, 0.16 }, { 0.58, 0.40, 0.74 }, { 0.55, 0.34, 0.29 },
	{ 0.89, 0.47, 0.76 }, { 0.50, 0.50, 0.50 }, { 0.74, 0.74, 0.13 }, { 0.09, 0.75, 0.81 }, { 1.00, 0.50, 0.05 },
	{ 0.20, 0.20, 0.20 }, { 0.40, 0.60, 0.60 }, { 0.70, 0.30, 0.10 }, { 0.30, 0.30, 0.80 }, { 0.60, 0.80, 0.30 },
	{ 0.80, 0.60, 0.20 },
};

/* Vendors in order of first appearance: the colour of each. */
static size_t group_index(const char **groups, size_t *n, const char *g)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(groups[i], g))
			return i;
	if (*n == MAX_GROUPS)
		return MAX_GROUPS - 1;
	groups[*n] = g;
	return (*n)++;
}

static void marker(cairo_t *cr, double x, double y, enum chart_role role, bool hollow, const double rgb[3])
{
	cairo_new_path(cr);
	if (role == CHART_DECLARED) {
		cairo_move_to(cr, x, y - 6);
		cairo_line_to(cr, x + 6, y);
		cairo_line_to(cr, x, y + 6);
		cairo_line_to(cr, x - 6, y);
		cairo_close_path(cr);
	} else {
		cairo_arc(cr, x, y, role == CHART_PART ? 3 : 4.5, 0, 2 * M_PI);
	}
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_line_width(cr, 1.3);
	if (hollow || role == CHART_PROBED)
		cairo_stroke(cr);
	else
		cairo_fill(cr);
}

static void point_colour(const struct chart_point *p, const char **groups, size_t *ng, double rgb[3])
{
	static const double declared[3] = { 0, 0, 0 }, found[3] = { 0.1, 0.3, 0.85 }, bad[3] = { 0.85, 0.1, 0.1 };
	const double *c = p->role == CHART_PART ? palette[group_index(groups, ng, p->group ? p->group : "?")]
			  : p->role == CHART_DECLARED ? declared : p->mismatch || p->role == CHART_PROBED ? bad : found;
	memcpy(rgb, c, 3 * sizeof(*rgb));
}

static void draw_points(cairo_t *cr, const struct frame *f, const struct chart_spec *s, const char **groups, size_t *ng)
{
	const struct chart_points *p = s->pts;
	for (size_t i = 0; p && i < p->n; i++) {
		const struct chart_point *a = &p->v[i];
		double rgb[3], x = px(f, a->tpp), y = py(f, a->pd);
		point_colour(a, groups, ng, rgb);
		for (size_t k = 0; a->role == CHART_PROBED && k < p->n; k++)
			if (p->v[k].role == CHART_FOUND && !strcmp(p->v[k].label, a->label)) {
				cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
				cairo_set_line_width(cr, 0.8);
				cairo_move_to(cr, px(f, p->v[k].tpp), py(f, p->v[k].pd));
				cairo_line_to(cr, x, y);
				cairo_stroke(cr);
			}
		marker(cr, x, y, a->role, a->role == CHART_PART && a->datacenter == 0, rgb);
		if (!s->labels)
			continue;
		char b[128];
		snprintf(b, sizeof(b), "%s%s", a->label, a->role == CHART_PROBED ? " (probed)" : "");
		if (a->count > 1)
			snprintf(b + strlen(b), sizeof(b) - strlen(b), " x%zu", a->count);
		font(cr, 7.5, a->role == CHART_DECLARED);
		cairo_set_source_rgb(cr, 0, 0, 0);
		/* declared left of its mark, found below, the probed estimate beside */
		double dy = a->role == CHART_FOUND ? 14 : 3;
		bool left = x > f->x0 + f->w * 0.7 || (a->role == CHART_DECLARED && x > f->x0 + f->w * 0.3);
		text_at(cr, left ? x - 8 : x + 8, y + dy, b, left ? 1.0 : 0.0);
	}
}

/* Caption lines: what the marks mean, the thresholds with their
 * paragraphs, the exclusions the shading does not show, what is missing. */
static size_t caption(const struct chart_spec *s, char lines[][400], size_t max)
{
	size_t n = 0;
	const struct ruleset *rs = s->reg->rs;
	snprintf(lines[n++], 400, "Regions: rule set %s (%s) for an IC %s; undetermined regions hatched.", rs->id,
		 rs->citation, s->reg->datacenter ? "designed or marketed for datacenters" : "not designed for datacenters");
	for (size_t i = 0; i < rs->n_paras && n < max; i++)
		if (rs->paras[i].kind == PARA_EXCLUSION)
			snprintf(lines[n++], 400, "Not shaded: %s (%s); hollow markers are parts not for datacenters.",
				 rs->paras[i].id, rs->paras[i].title);
	for (size_t i = 0; i < s->reg->n_thr && n < max; i++) {
		char v[32];
		snprintf(lines[n++], 400, "%s %s: %s", s->reg->thr[i].is_pd ? "PD" : "TPP",
			 fmt_num(v, sizeof(v), s->reg->thr[i].value), s->reg->thr[i].paragraphs);
	}
	if (s->pts && s->pts->n_unplotted && n < max)
		snprintf(lines[n++], 400, "Not plotted (TPP or PD unknown or zero): %zu part%s%s%.300s%s", s->pts->n_unplotted,
			 s->pts->n_unplotted == 1 ? "" : "s", *s->pts->unplotted ? ": " : "", s->pts->unplotted,
			 s->pts->n_unplotted > 6 ? ", ..." : "");
	return n;
}

/* The vendor legend: a swatch and a name each, wrapped across the width. */
static void draw_groups(cairo_t *cr, double x, double y, double w, const char **groups, size_t ng)
{
	double cx = x;
	font(cr, 8, false);
	for (size_t g = 0; g < ng; g++) {
		cairo_text_extents_t e;
		cairo_text_extents(cr, groups[g], &e);
		if (cx + 14 + e.x_advance > x + w) {
			cx = x;
			y += 12;
		}
		marker(cr, cx + 4, y - 3, CHART_PART, false, palette[g < MAX_GROUPS ? g : MAX_GROUPS - 1]);
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_at(cr, cx + 10, y, groups[g], 0);
		cx += 20 + e.x_advance;
	}
}

/* The marks of verify's roles present, one row. */
static void draw_roles(cairo_t *cr, double x, double y, const struct chart_points *p)
{
	static const char *const names[] = { "", "declared part", "found", "found, with a mismatch",
		"probed estimate (units x clock x rate)" };
	static const double black[3] = { 0, 0, 0 }, blue[3] = { 0.1, 0.3, 0.85 }, red[3] = { 0.85, 0.1, 0.1 };
	bool have[5] = { false };
	for (size_t i = 0; p && i < p->n; i++)
		have[p->v[i].role == CHART_FOUND && p->v[i].mismatch ? 3 : p->v[i].role == CHART_PROBED ? 4 : p->v[i].role] = true;
	font(cr, 8, false);
	for (int k = 1; k < 5; k++) {
		if (!have[k])
			continue;
		enum chart_role role = k == 1 ? CHART_DECLARED : k == 4 ? CHART_PROBED : CHART_FOUND;
		marker(cr, x + 5, y - 3, role, false, k == 1 ? black : k == 2 ? blue : red);
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_at(cr, x + 13, y, names[k], 0);
		cairo_text_extents_t e;
		cairo_text_extents(cr, names[k], &e);
		x += 26 + e.x_advance;
	}
}

static bool has_roles(const struct chart_points *p)
{
	for (size_t i = 0; p && i < p->n; i++)
		if (p->v[i].role != CHART_PART)
			return true;
	return false;
}

void chart_draw(cairo_t *cr, double x, double y, double w, double h, const struct chart_spec *s)
{
	const char *groups[MAX_GROUPS];
	size_t ng = 0;
	for (size_t i = 0; s->pts && i < s->pts->n; i++)
		if (s->pts->v[i].role == CHART_PART)
			group_index(groups, &ng, s->pts->v[i].group ? s->pts->v[i].group : "?");
	char lines[CHART_MAX_THRESHOLDS + 8][400];
	size_t nl = caption(s, lines, sizeof(lines) / sizeof(lines[0]));
	double legend = (ng ? 14 + 12 * (double)(ng / 8) : 0) + (has_roles(s->pts) ? 14 : 0);
	struct frame f = { .x0 = x + 62, .y0 = y + 26, .w = w - 62 - 12 };
	f.h = h - 26 - 40 - legend - 11 * (double)nl;
	decades(s, &f);
	cairo_save(cr);
	font(cr, 11, true);
	cairo_set_source_rgb(cr, 0, 0, 0);
	text_at(cr, x + w / 2, y + 14, s->title, 0.5);
	draw_regions(cr, &f, s->reg);
	draw_axes(cr, &f);
	draw_thresholds(cr, &f, s->reg);
	ng = 0;
	draw_points(cr, &f, s, groups, &ng);
	double cy = f.y0 + f.h + 42;
	if (has_roles(s->pts))
		draw_roles(cr, f.x0, cy, s->pts);
	if (ng)
		draw_groups(cr, f.x0, cy + (has_roles(s->pts) ? 14 : 0), f.w, groups, ng);
	cy += legend;
	font(cr, 7.5, false);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	for (size_t i = 0; i < nl; i++, cy += 11)
		text_at(cr, x + 8, cy, lines[i], 0);
	cairo_restore(cr);
}

bool chart_points_add(struct chart_points *p, const struct chart_point *pt, bool tpp_known, bool pd_known)
{
	if (!tpp_known || !pd_known || !(pt->tpp > 0) || !(pt->pd > 0)) {
		for (size_t i = 0; i < p->n; i++)
			if (!strcmp(p->v[i].label, pt->label) && p->v[i].role == pt->role)
				return true;
		if (p->n_unplotted++ < 6 && strlen(p->unplotted) + strlen(pt->label) + 3 < sizeof(p->unplotted))
			snprintf(p->unplotted + strlen(p->unplotted), sizeof(p->unplotted) - strlen(p->unplotted), "%s%s",
				 *p->unplotted ? ", " : "", pt->label);
		return true;
	}
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].label, pt->label) && p->v[i].role == pt->role && p->v[i].tpp == pt->tpp &&
		    p->v[i].pd == pt->pd) {
			p->v[i].count++;
			p->v[i].mismatch |= pt->mismatch;
			return true;
		}
	struct chart_point *v = grow_for_one(p->v, p->n, &p->cap, sizeof(*v), 32);
	if (!v)
		return false;
	p->v = v;
	p->v[p->n] = *pt;
	p->v[p->n++].count = 1;
	return true;
}

void chart_points_free(struct chart_points *p)
{
	free(p->v);
	*p = (struct chart_points){ 0 };
}
