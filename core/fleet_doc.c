/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/fleet_doc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *get(json_t *o, const char *path)
{
	char key[64];
	while (o && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		o = json_is_object(o) ? json_object_get(o, key) : NULL;
		path += n + (path[n] == '.');
	}
	return o;
}

static json_t *copy(json_t *o, const char *path)
{
	json_t *v = get(o, path);
	return v ? json_incref(v) : json_null();
}

/* "0000:c1:00.0+c2:00.0", as a JSON Lines device line writes a package. */
static json_t *slots(json_t *dev)
{
	json_t *funcs = get(dev, "functions");
	char buf[256] = "";
	for (size_t i = 0; i < json_array_size(funcs); i++) {
		const char *s = json_string_value(get(json_array_get(funcs, i), "slot"));
		if (!s || strlen(s) < 5)
			return copy(dev, "slot");
		strncat(buf, i ? "+" : "", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, i ? s + 5 : s, sizeof(buf) - strlen(buf) - 1);
	}
	return *buf ? json_string(buf) : copy(dev, "slot");
}

/* The short verdict (classification_label's forms). */
static json_t *label(json_t *cl)
{
	const char *status = json_string_value(get(cl, "status")), *eccn = json_string_value(get(cl, "eccn"));
	const char *bound = json_string_value(get(cl, "eccn_bound"));
	char buf[32];
	if (!status)
		return json_null();
	if (!strcmp(status, "undetermined"))
		return json_string("undetermined");
	if (!eccn)
		return json_string("not 3A090");
	snprintf(buf, sizeof(buf), "%s%s", eccn, bound && !strcmp(bound, "at_least") ? "+" : "");
	return json_string(buf);
}

static json_t *flags(json_t *dev)
{
	json_t *out = json_array(), *w = get(dev, "warnings");
	for (size_t i = 0; i < json_array_size(w); i++)
		json_array_append(out, get(json_array_get(w, i), "code") ? get(json_array_get(w, i), "code") : json_null());
	return out;
}

static void set_labels(json_t *o, json_t *doc, const char *record)
{
	json_object_set_new(o, "record", json_string(record));
	json_object_set_new(o, "schema_version", copy(doc, "schema_version"));
	json_object_set_new(o, "host_id", copy(doc, "host.host_id"));
	json_object_set_new(o, "site", copy(doc, "host.site"));
	json_object_set_new(o, "country", copy(doc, "host.country"));
	json_object_set_new(o, "scan_time", copy(doc, "host.scan_time"));
}

static json_t *device_line(json_t *doc, json_t *dev)
{
	json_t *o = json_object(), *cl = get(dev, "classification");
	set_labels(o, doc, "device");
	json_object_set_new(o, "slot", slots(dev));
	static const char *const same[] = { "vendor_id", "device_id", "subsystem_vendor_id", "subsystem_id", "part",
		"name" };
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		json_object_set_new(o, same[i], copy(dev, same[i]));
	json_t *f0 = json_array_get(get(dev, "functions"), 0);
	json_object_set_new(o, "uuid", copy(f0, "uuid.value"));
	json_object_set_new(o, "serial", copy(f0, "serial.value"));
	json_object_set_new(o, "vbios_version", copy(f0, "vbios_version.value"));
	json_object_set_new(o, "display_only", json_boolean(json_is_true(get(dev, "display_only"))));
	json_object_set_new(o, "flags", flags(dev));
	json_object_set_new(o, "metrics", json_pack("{s:o, s:o, s:o}", "tpp", copy(cl, "parameters.tpp.value"),
						    "tpp_source", copy(cl, "parameters.tpp.source"), "pd",
						    copy(cl, "parameters.pd.value")));
	json_object_set_new(o, "classification", json_pack("{s:o, s:o, s:o, s:o, s:o}", "status", copy(cl, "status"),
							   "eccn", copy(cl, "eccn"), "rule_set", copy(cl, "rule_set"),
							   "paragraphs", copy(cl, "paragraphs"), "label", label(cl)));
	return o;
}

static json_t *host_line(json_t *doc)
{
	json_t *o = json_object();
	set_labels(o, doc, "host");
	json_object_set_new(o, "hostname", copy(doc, "host.hostname"));
	json_object_set_new(o, "devices", json_integer((json_int_t)json_array_size(get(doc, "devices"))));
	json_object_set_new(o, "tool", json_pack("{s:o, s:o}", "version", copy(doc, "tool.version"), "data_version",
						copy(doc, "tool.data_version")));
	json_object_set_new(o, "rules", json_pack("{s:o}", "id", copy(doc, "rules.id")));
	return o;
}

/* Map one object to a report line and read it as such. */
static int read_line(json_t *line, struct fleet_record *r, char *msg, size_t msg_len)
{
	char *s = line ? json_dumps(line, JSON_COMPACT) : NULL;
	json_decref(line);
	if (!s) {
		snprintf(msg, msg_len, "out of memory");
		return -1;
	}
	int rc = fleet_record_parse(s, strlen(s), r, msg, msg_len);
	free(s);
	return rc;
}

static int check_doc(json_t *doc, char *msg, size_t msg_len)
{
	if (!json_is_object(doc)) {
		snprintf(msg, msg_len, "not a JSON object");
		return -1;
	}
	if (!json_is_array(get(doc, "devices"))) {
		snprintf(msg, msg_len, "not a tppscan scan document (no devices array)");
		return -1;
	}
	if (!json_is_object(get(doc, "host"))) {
		snprintf(msg, msg_len, "a scan document without a host object: write fleet reports with "
			 "--format jsonl, or give --host-id, --site or --country");
		return -1;
	}
	return 0;
}

int fleet_doc_read(const char *data, size_t len, fleet_record_fn fn, void *arg, char *msg, size_t msg_len,
		   struct tpp_error *err)
{
	json_error_t je;
	json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!doc) {
		snprintf(msg, msg_len, "line %d, column %d: %s", je.line, je.column, je.text);
		return 1;
	}
	msg[0] = '\0';
	size_t n = json_array_size(get(doc, "devices"));
	struct fleet_record *recs = check_doc(doc, msg, msg_len) ? NULL : calloc(n + 1, sizeof(*recs));
	int rc = recs ? 0 : 1;
	if (!recs && !*msg)
		snprintf(msg, msg_len, "out of memory");
	/* every record is read before any is given: a bad device refuses the document */
	char why[300];
	for (size_t i = 0; !rc && i < n; i++)
		if (read_line(device_line(doc, json_array_get(get(doc, "devices"), i)), &recs[i], why, sizeof(why))) {
			snprintf(msg, msg_len, "devices[%zu]: %s", i, why);
			rc = 1;
		}
	if (!rc && read_line(host_line(doc), &recs[n], why, sizeof(why))) {
		snprintf(msg, msg_len, "host: %s", why);
		rc = 1;
	}
	for (size_t i = 0; !rc && i <= n; i++)
		if (fn(arg, &recs[i], err))
			rc = -1;
	free(recs);
	json_decref(doc);
	return rc;
}
