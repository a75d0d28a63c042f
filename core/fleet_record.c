/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/fleet_record.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/jsonscan.h"

const char *fleet_status_name(enum fleet_status s)
{
	static const char *const n[] = { [FLEET_NOT_CONTROLLED] = "not_controlled", [FLEET_CONTROLLED] = "controlled",
		[FLEET_UNDETERMINED] = "undetermined" };
	return n[s];
}

bool fleet_status_parse(const char *s, enum fleet_status *out)
{
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, fleet_status_name((enum fleet_status)i))) {
			*out = (enum fleet_status)i;
			return true;
		}
	return false;
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

const char *fleet_check_host_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0)
		return "empty";
	if (n > FLEET_HOST_ID_MAX)
		return "longer than 128 bytes";
	return has_control(s) ? "contains a control character" : NULL;
}

const char *fleet_check_site(const char *s)
{
	if (strlen(s) > FLEET_LABEL_MAX)
		return "longer than 64 bytes";
	return has_control(s) ? "contains a control character" : NULL;
}

const char *fleet_check_country(const char *s, char out[3])
{
	for (int i = 0; i < 2; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
			return "not a two-letter ISO 3166-1 country code";
		out[i] = (char)(c & ~0x20);
	}
	out[2] = '\0';
	return s[2] ? "not a two-letter ISO 3166-1 country code" : NULL;
}

/* --- the members a report line may carry --------------------------------- */

enum kind { K_RECORD, K_SCHEMA, K_STR, K_OPTSTR, K_HEX4, K_OPTHEX4, K_TIME, K_COUNTRY, K_HOSTID, K_SITE,
	K_NUM, K_COUNT, K_BOOL, K_STATUS, K_LIST, K_OBJ, K_ARR };

struct field {
	unsigned depth;
	const char *parent, *key;   /* key NULL: an element of the array `parent` */
	enum kind kind;
	size_t off, size, known_off;
	int bit;                    /* presence bit; -1 for list elements */
};

#define R(f) offsetof(struct fleet_record, f), sizeof(((struct fleet_record *)0)->f)
#define NUM(f, k) offsetof(struct fleet_record, f), sizeof(double), offsetof(struct fleet_record, k)

enum bits { B_RECORD, B_SCHEMA, B_HOST, B_SITE, B_COUNTRY, B_TIME, B_SLOT, B_VENDOR, B_DEVICE, B_SVENDOR, B_SDEVICE,
	B_PART, B_NAME, B_UUID, B_SERIAL, B_VBIOS, B_DISPLAY, B_FLAGS, B_METRICS, B_TPP, B_PD, B_TPPSRC, B_CLASS,
	B_STATUS, B_ECCN, B_LABEL, B_RULESET, B_PARAS, B_HOSTNAME, B_DEVICES, B_TOOL, B_TOOLVER, B_DATAVER, B_RULES,
	B_RULESID };

static const struct field fields[] = {
	{ 1, NULL, "record", K_RECORD, 0, 0, 0, B_RECORD },
	{ 1, NULL, "schema_version", K_SCHEMA, 0, 0, 0, B_SCHEMA },
	{ 1, NULL, "host_id", K_HOSTID, R(labels.host_id), 0, B_HOST },
	{ 1, NULL, "site", K_SITE, R(labels.site), 0, B_SITE },
	{ 1, NULL, "country", K_COUNTRY, R(labels.country), 0, B_COUNTRY },
	{ 1, NULL, "scan_time", K_TIME, R(labels.scan_time), 0, B_TIME },
	{ 1, NULL, "slot", K_STR, R(dev.slot), 0, B_SLOT },
	{ 1, NULL, "vendor_id", K_HEX4, R(dev.vendor_id), 0, B_VENDOR },
	{ 1, NULL, "device_id", K_HEX4, R(dev.device_id), 0, B_DEVICE },
	{ 1, NULL, "subsystem_vendor_id", K_OPTHEX4, R(dev.subsystem_vendor_id), 0, B_SVENDOR },
	{ 1, NULL, "subsystem_id", K_OPTHEX4, R(dev.subsystem_id), 0, B_SDEVICE },
	{ 1, NULL, "part", K_OPTSTR, R(dev.part), 0, B_PART },
	{ 1, NULL, "name", K_OPTSTR, R(dev.name), 0, B_NAME },
	{ 1, NULL, "uuid", K_OPTSTR, R(dev.uuid), 0, B_UUID },
	{ 1, NULL, "serial", K_OPTSTR, R(dev.serial), 0, B_SERIAL },
	{ 1, NULL, "vbios_version", K_OPTSTR, R(dev.vbios), 0, B_VBIOS },
	{ 1, NULL, "display_only", K_BOOL, R(dev.display_only), 0, B_DISPLAY },
	{ 1, NULL, "flags", K_ARR, 0, 0, 0, B_FLAGS },
	{ 2, "flags", NULL, K_LIST, R(dev.flags), 0, -1 },
	{ 1, NULL, "metrics", K_OBJ, 0, 0, 0, B_METRICS },
	{ 2, "metrics", "tpp", K_NUM, NUM(dev.tpp, dev.tpp_known), B_TPP },
	{ 2, "metrics", "pd", K_NUM, NUM(dev.pd, dev.pd_known), B_PD },
	{ 2, "metrics", "tpp_source", K_OPTSTR, R(dev.tpp_source), 0, B_TPPSRC },
	{ 1, NULL, "classification", K_OBJ, 0, 0, 0, B_CLASS },
	{ 2, "classification", "status", K_STATUS, R(dev.status), 0, B_STATUS },
	{ 2, "classification", "eccn", K_OPTSTR, R(dev.eccn), 0, B_ECCN },
	{ 2, "classification", "label", K_STR, R(dev.label), 0, B_LABEL },
	{ 2, "classification", "rule_set", K_STR, R(dev.rule_set), 0, B_RULESET },
	{ 2, "classification", "paragraphs", K_ARR, 0, 0, 0, B_PARAS },
	{ 3, "paragraphs", NULL, K_LIST, R(dev.paragraphs), 0, -1 },
	{ 1, NULL, "hostname", K_OPTSTR, R(host.hostname), 0, B_HOSTNAME },
	{ 1, NULL, "devices", K_COUNT, R(host.devices), 0, B_DEVICES },
	{ 1, NULL, "tool", K_OBJ, 0, 0, 0, B_TOOL },
	{ 2, "tool", "version", K_STR, R(host.tool_version), 0, B_TOOLVER },
	{ 2, "tool", "data_version", K_OPTSTR, R(host.data_version), 0, B_DATAVER },
	{ 1, NULL, "rules", K_OBJ, 0, 0, 0, B_RULES },
	{ 2, "rules", "id", K_OPTSTR, R(host.rule_set), 0, B_RULESID },
};
#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

#define BIT(b) (1ull << (b))
static const uint64_t need_common = BIT(B_RECORD) | BIT(B_SCHEMA) | BIT(B_HOST) | BIT(B_TIME);
static const uint64_t need_device = BIT(B_SLOT) | BIT(B_VENDOR) | BIT(B_DEVICE) | BIT(B_DISPLAY) | BIT(B_FLAGS) |
	BIT(B_METRICS) | BIT(B_TPP) | BIT(B_CLASS) | BIT(B_STATUS) | BIT(B_LABEL) | BIT(B_RULESET);
static const uint64_t need_host = BIT(B_DEVICES) | BIT(B_TOOL) | BIT(B_TOOLVER);

/* Lookup by (enclosing member, key) through a small open-addressed table:
 * forty-odd values a line, a million lines, so no linear search and no
 * string compare for the enclosing member (readers track it by index). */
#define SLOTS 256
#define SLOT_BITS 8
#define TOP (-1)              /* the enclosing member of a depth-1 member */
#define UNKNOWN (-2)          /* inside a member this reader does not read */
static signed char slot_of[SLOTS];
static int parent_of[N_FIELDS];
static size_t key_len[N_FIELDS];
static bool table_ready;

/* Cheap on purpose: the length and the first, middle and last bytes tell
 * the members of a report apart, mixed multiplicatively; a hit is
 * confirmed by comparing the whole name. */
static uint32_t hash_member(int parent, const char *key, size_t n)
{
	uint32_t h = 0;
	if (n) {
		const unsigned char *b = (const unsigned char *)key;
		h = ((uint32_t)n << 16 | (uint32_t)b[0] << 8 | b[n - 1]) ^ (uint32_t)b[n / 2] << 24;
	}
	return ((uint32_t)(parent + 2) * 0x9E3779B1u) ^ (h * 0xC2B2AE35u);
}

static void build_table(void)
{
	memset(slot_of, -1, sizeof(slot_of));
	for (size_t i = 0; i < N_FIELDS; i++) {
		const struct field *f = &fields[i];
		key_len[i] = f->key ? strlen(f->key) : 0;
		parent_of[i] = TOP;
		for (size_t k = 0; f->parent && k < N_FIELDS; k++)
			if (fields[k].depth + 1 == f->depth && fields[k].key && !strcmp(fields[k].key, f->parent))
				parent_of[i] = (int)k;
		uint32_t k = hash_member(parent_of[i], f->key, key_len[i]) >> (32 - SLOT_BITS);
		while (slot_of[k] >= 0)
			k = (k + 1) & (SLOTS - 1);
		slot_of[k] = (signed char)i;
	}
	table_ready = true;
}

/* Names of equal length (NULL only equals NULL), compared in line: they are short. */
static bool same(const char *a, size_t an, const char *b, size_t bn)
{
	if (!a || !b)
		return a == b;
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

static int find_field(int parent, const struct js_event *e)
{
	uint32_t k = hash_member(parent, e->key, e->key_len) >> (32 - SLOT_BITS);
	for (; slot_of[k] >= 0; k = (k + 1) & (SLOTS - 1)) {
		int i = slot_of[k];
		if (parent_of[i] == parent && same(e->key, e->key_len, fields[i].key, key_len[i]))
			return i;
	}
	return UNKNOWN;
}

/* --- reading one line ---------------------------------------------------- */

struct reader {
	struct fleet_record *r;
	int within[JS_MAX_DEPTH + 1];   /* the field each open container is (UNKNOWN if none) */
	uint64_t seen;
	bool is_host, kind_known;
	char *msg;
	size_t msg_len;
};

static int bad(struct reader *x, const struct field *f, const char *what)
{
	snprintf(x->msg, x->msg_len, "%s%s%s: %s", f->parent && f->key ? f->parent : "", f->parent && f->key ? "." : "",
		 f->key ? f->key : f->parent, what);
	return -1;
}

static int put_str(struct reader *x, const struct field *f, const struct js_event *e)
{
	if (e->len >= f->size)
		return bad(x, f, "too long");
	memcpy((char *)x->r + f->off, e->text, e->len + 1);
	return 0;
}

static int put_list(struct reader *x, const struct field *f, const struct js_event *e)
{
	if (e->type != JS_STRING)
		return bad(x, f, "expected strings");
	char *dst = (char *)x->r + f->off;
	size_t used = strlen(dst);
	if (used + e->len + 2 > f->size)
		return bad(x, f, "too long");
	if (used)
		dst[used++] = ';';
	memcpy(dst + used, e->text, e->len + 1);
	return 0;
}

static bool is_hex4(const struct js_event *e)
{
	if (e->len != 4)
		return false;
	for (size_t i = 0; i < 4; i++)
		if (!((e->text[i] >= '0' && e->text[i] <= '9') || (e->text[i] >= 'a' && e->text[i] <= 'f')))
			return false;
	return true;
}

static int string_field(struct reader *x, const struct field *f, const struct js_event *e)
{
	const char *why = NULL;
	switch (f->kind) {
	case K_HEX4:
	case K_OPTHEX4:
		if (!is_hex4(e))
			return bad(x, f, "expected four lower-case hex digits");
		return put_str(x, f, e);
	case K_TIME:
		if (!tpp_time_parse(e->text, &x->r->labels.scan_epoch))
			return bad(x, f, "expected YYYY-MM-DDTHH:MM:SSZ");
		return put_str(x, f, e);
	case K_COUNTRY:
		why = fleet_check_country(e->text, x->r->labels.country);
		return why ? bad(x, f, why) : 0;
	case K_HOSTID:
	case K_SITE:
		why = f->kind == K_HOSTID ? fleet_check_host_id(e->text) : fleet_check_site(e->text);
		return why ? bad(x, f, why) : put_str(x, f, e);
	case K_STATUS:
		return fleet_status_parse(e->text, &x->r->dev.status) ? 0
			: bad(x, f, "expected controlled, not_controlled or undetermined");
	case K_RECORD:
		if (strcmp(e->text, "device") && strcmp(e->text, "host"))
			return bad(x, f, "expected device or host");
		x->is_host = e->text[0] == 'h';
		x->kind_known = true;
		return 0;
	default:
		return put_str(x, f, e);
	}
}

static int value_field(struct reader *x, const struct field *f, const struct js_event *e)
{
	bool nullable = f->kind == K_OPTSTR || f->kind == K_OPTHEX4 || f->kind == K_COUNTRY || f->kind == K_SITE ||
			f->kind == K_NUM;
	if (e->type == JS_NULL && nullable)
		return 0;
	switch (f->kind) {
	case K_OBJ:
		return e->type == JS_OBJECT ? 0 : bad(x, f, "expected an object");
	case K_ARR:
		return e->type == JS_ARRAY ? 0 : bad(x, f, "expected an array");
	case K_BOOL:
		if (e->type != JS_TRUE && e->type != JS_FALSE)
			return bad(x, f, "expected true or false");
		*(bool *)((char *)x->r + f->off) = e->type == JS_TRUE;
		return 0;
	case K_COUNT: {
		double v;
		if (e->type != JS_NUMBER || !js_number(e, &v) || v < 0 || v > 1e12 || v != floor(v))
			return bad(x, f, "expected a count");
		*(double *)((char *)x->r + f->off) = v;
		return 0;
	}
	case K_SCHEMA: {
		double v;
		if (e->type != JS_NUMBER || !js_number(e, &v) || v < 1 || v > 1e6 || v != floor(v))
			return bad(x, f, "expected a positive integer");
		return v == FLEET_SCHEMA_VERSION ? 0 : bad(x, f, "a newer schema than this tppscan reads");
	}
	case K_NUM: {
		double v;
		if (e->type != JS_NUMBER || !js_number(e, &v) || v < 0)
			return bad(x, f, "expected a non-negative number or null");
		*(double *)((char *)x->r + f->off) = v;
		*(bool *)((char *)x->r + f->known_off) = true;
		return 0;
	}
	default:
		if (e->type != JS_STRING)
			return bad(x, f, nullable ? "expected a string or null" : "expected a string");
		return string_field(x, f, e);
	}
}

static int on_value(void *arg, const struct js_event *e)
{
	struct reader *x = arg;
	int parent = e->depth == 1 ? TOP : x->within[e->depth - 1];
	int i = parent == UNKNOWN ? UNKNOWN : find_field(parent, e);
	if (e->type == JS_OBJECT || e->type == JS_ARRAY)
		x->within[e->depth] = i;
	if (i == UNKNOWN)
		return 0;   /* a member this reader does not use: the contract only grows */
	const struct field *f = &fields[i];
	if (f->bit < 0)
		return put_list(x, f, e);
	if (x->seen & BIT(f->bit))
		return bad(x, f, "given twice");
	x->seen |= BIT(f->bit);
	return value_field(x, f, e);
}

static void say_missing(struct reader *x, uint64_t missing)
{
	for (size_t i = 0; i < N_FIELDS; i++)
		if (fields[i].bit >= 0 && (missing & BIT(fields[i].bit))) {
			snprintf(x->msg, x->msg_len, "missing member %s%s%s", fields[i].parent ? fields[i].parent : "",
				 fields[i].parent ? "." : "", fields[i].key);
			return;
		}
}

int fleet_record_parse(char *line, size_t len, struct fleet_record *out, char *msg, size_t msg_len)
{
	if (!table_ready)
		build_table();
	/* only the fields a line may leave unset need clearing */
	out->labels.site[0] = out->labels.country[0] = '\0';
	struct fleet_device *d = &out->dev;
	d->subsystem_vendor_id[0] = d->subsystem_id[0] = d->part[0] = d->name[0] = d->uuid[0] = '\0';
	d->serial[0] = d->vbios[0] = d->tpp_source[0] = d->eccn[0] = d->paragraphs[0] = d->flags[0] = '\0';
	d->tpp_known = d->pd_known = false;
	out->host = (struct fleet_host){ 0 };
	struct reader x = { .r = out, .msg = msg, .msg_len = msg_len };
	int rc = json_scan(line, len, on_value, &x, msg, msg_len);
	if (rc)
		return -1;
	uint64_t need = need_common | (x.kind_known ? (x.is_host ? need_host : need_device) : 0);
	if (need & ~x.seen) {
		say_missing(&x, need & ~x.seen);
		return -1;
	}
	out->kind = x.is_host ? FLEET_REC_HOST : FLEET_REC_DEVICE;
	return 0;
}
