/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "classify/fleet_changes.h"

#include <stdio.h>
#include <string.h>

const char *fleet_change_name(enum fleet_change_kind k)
{
	static const char *const n[] = { [CHANGE_FIRST_SCAN] = "first_scan", [CHANGE_ADDED] = "added",
		[CHANGE_REMOVED] = "removed", [CHANGE_PART] = "part", [CHANGE_IDS] = "ids", [CHANGE_UUID] = "uuid",
		[CHANGE_SERIAL] = "serial", [CHANGE_VBIOS] = "vbios_version", [CHANGE_VERDICT] = "verdict",
		[CHANGE_FLAG] = "flag", [CHANGE_SITE] = "site", [CHANGE_COUNTRY] = "country" };
	return n[k];
}

struct ctx {
	const struct fleet_scan *prev, *cur;
	fleet_change_fn fn;
	void *arg;
	struct tpp_error *err;
};

static int emit(struct ctx *x, enum fleet_change_kind k, const char *slot, const char *was, const char *now)
{
	struct fleet_change ch = { .kind = k, .slot = slot };
	snprintf(ch.was, sizeof(ch.was), "%s", was);
	snprintf(ch.now, sizeof(ch.now), "%s", now);
	return x->fn(x->arg, x->prev, x->cur, &ch, x->err);
}

/* "nvidia-h20 (not 3A090)": what a slot held. */
static const char *describe(const struct fleet_device *d, char *buf, size_t n)
{
	if (*d->part)
		snprintf(buf, n, "%s (%s)", d->part, d->label);
	else
		snprintf(buf, n, "%s:%s %s (%s)", d->vendor_id, d->device_id, d->name, d->label);
	return buf;
}

static const char *ids(const struct fleet_device *d, char *buf, size_t n)
{
	snprintf(buf, n, "%s:%s%s%s%s%s", d->vendor_id, d->device_id, *d->subsystem_vendor_id ? " " : "",
		 d->subsystem_vendor_id, *d->subsystem_id ? ":" : "", d->subsystem_id);
	return buf;
}

/* A field both scans know and that differs: a board swapped, firmware flashed. */
static int known_field(struct ctx *x, enum fleet_change_kind k, const char *slot, const char *a, const char *b)
{
	return *a && *b && strcmp(a, b) ? emit(x, k, slot, a, b) : 0;
}

static bool has_flag(const char *list, const char *flag, size_t len)
{
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ";");
		if (n == len && !strncmp(p, flag, len))
			return true;
		p += n + (p[n] == ';');
	}
	return false;
}

static int new_flags(struct ctx *x, const struct fleet_device *a, const struct fleet_device *b)
{
	for (const char *p = b->flags; *p;) {
		size_t n = strcspn(p, ";");
		char flag[128];
		snprintf(flag, sizeof(flag), "%.*s", (int)n, p);
		if (!has_flag(a->flags, p, n) && emit(x, CHANGE_FLAG, b->slot, "", flag))
			return -1;
		p += n + (p[n] == ';');
	}
	return 0;
}

static int same_slot(struct ctx *x, const struct fleet_device *a, const struct fleet_device *b)
{
	char w[200], n[200];
	if (strcmp(a->part, b->part) && emit(x, CHANGE_PART, b->slot, describe(a, w, sizeof(w)), describe(b, n, sizeof(n))))
		return -1;
	ids(a, w, sizeof(w));
	ids(b, n, sizeof(n));
	if (strcmp(w, n) && emit(x, CHANGE_IDS, b->slot, w, n))
		return -1;
	if (known_field(x, CHANGE_UUID, b->slot, a->uuid, b->uuid) ||
	    known_field(x, CHANGE_SERIAL, b->slot, a->serial, b->serial) ||
	    known_field(x, CHANGE_VBIOS, b->slot, a->vbios, b->vbios))
		return -1;
	if (strcmp(a->label, b->label)) {
		snprintf(w, sizeof(w), "%s (rule set %s)", a->label, a->rule_set);
		snprintf(n, sizeof(n), "%s (rule set %s)", b->label, b->rule_set);
		if (emit(x, CHANGE_VERDICT, b->slot, w, n))
			return -1;
	}
	return new_flags(x, a, b);
}

static int host_fields(struct ctx *x)
{
	const struct fleet_labels *a = &x->prev->labels, *b = &x->cur->labels;
	if (strcmp(a->site, b->site) && emit(x, CHANGE_SITE, "", a->site, b->site))
		return -1;
	return strcmp(a->country, b->country) ? emit(x, CHANGE_COUNTRY, "", a->country, b->country) : 0;
}

int fleet_changes_between(const struct fleet_scan *prev, const struct fleet_scan *cur, fleet_change_fn fn, void *arg,
			  struct tpp_error *err)
{
	struct ctx x = { prev, cur, fn, arg, err };
	char buf[200], n[32];
	if (!prev) {
		snprintf(n, sizeof(n), "%zu device%s", cur->n, cur->n == 1 ? "" : "s");
		return emit(&x, CHANGE_FIRST_SCAN, "", "", n);
	}
	if (host_fields(&x))
		return -1;
	size_t i = 0, k = 0;
	while (i < prev->n || k < cur->n) {
		int c = i == prev->n ? 1 : k == cur->n ? -1 : strcmp(prev->dev[i].slot, cur->dev[k].slot);
		int rc;
		if (c < 0) {
			rc = emit(&x, CHANGE_REMOVED, prev->dev[i].slot, describe(&prev->dev[i], buf, sizeof(buf)), "");
			i++;
		} else if (c > 0) {
			rc = emit(&x, CHANGE_ADDED, cur->dev[k].slot, "", describe(&cur->dev[k], buf, sizeof(buf)));
			k++;
		} else {
			rc = same_slot(&x, &prev->dev[i++], &cur->dev[k++]);
		}
		if (rc)
			return -1;
	}
	return 0;
}
