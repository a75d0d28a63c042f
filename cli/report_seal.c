/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/report_seal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANON_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(15))
#define PRETTY_FLAGS (JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(15))

static json_t *normal_number(const json_t *v)
{
	double d = json_real_value(v);
	if (d == floor(d) && fabs(d) < 9e18)
		return json_integer((json_int_t)d);
	char b[40];
	snprintf(b, sizeof(b), "%.15g", d);
	return json_real(strtod(b, NULL));
}

void report_normalize_numbers(json_t *v)
{
	if (json_is_object(v)) {
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x) {
			if (json_is_real(x))
				json_object_set_new(v, k, normal_number(x));
			else
				report_normalize_numbers(x);
		}
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *x = json_array_get(v, i);
			if (json_is_real(x))
				json_array_set_new(v, i, normal_number(x));
			else
				report_normalize_numbers(x);
		}
	}
}

/* jansson writes \u escapes with upper-case hex; the canonical form (and
 * Python, and jq) use lower case. A backslash in compact output always
 * starts an escape, so one pass over the text finds them all. */
static void lower_escapes(char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] == 'u')
			for (size_t k = i + 2; k < i + 6 && k < len; k++)
				if (s[k] >= 'A' && s[k] <= 'F')
					s[k] = (char)(s[k] - 'A' + 'a');
		i++;   /* past the escaped character: "\\\\" is one escape */
	}
}

char *report_canonical_body(const json_t *report, size_t *len)
{
	json_t *body = json_copy((json_t *)report);   /* shallow: only the top level changes */
	if (!body)
		return NULL;
	json_object_del(body, "signature");
	char *text = json_dumps(body, CANON_FLAGS);
	json_decref(body);
	if (text) {
		*len = strlen(text);
		lower_escapes(text, *len);
	}
	return text;
}

static json_t *signature_object(const char *digest, const struct sign_key *key, const unsigned char *sig)
{
	json_t *s = json_pack("{s:s, s:s}", "body_sha256", digest, "canonical_form", REPORT_CANONICAL_FORM);
	if (!key) {
		json_object_set_new(s, "algorithm", json_null());
		json_object_set_new(s, "value", json_null());
		json_object_set_new(s, "public_key", json_null());
		json_object_set_new(s, "key_sha256", json_null());
		return s;
	}
	char *b64 = base64_encode(sig, ED25519_SIG_BYTES), *pem = sign_key_public_pem(key);
	char id[SHA256_HEX_LEN];
	bool ok = b64 && pem && sign_key_id(key, id);
	if (ok) {
		json_object_set_new(s, "algorithm", json_string("Ed25519"));
		json_object_set_new(s, "value", json_string(b64));
		json_object_set_new(s, "public_key", json_string(pem));
		json_object_set_new(s, "key_sha256", json_string(id));
	}
	free(b64);
	free(pem);
	if (!ok) {
		json_decref(s);
		return NULL;
	}
	return s;
}

int report_seal(json_t *report, const struct sign_key *key, struct tpp_error *err)
{
	json_object_del(report, "signature");
	report_normalize_numbers(report);
	size_t len;
	char *body = report_canonical_body(report, &len);
	char digest[SHA256_HEX_LEN];
	unsigned char sig[ED25519_SIG_BYTES];
	int rc = -1;
	if (!body || !digest_sha256_hex(body, len, digest))
		tpp_error_set(err, TPP_EX_OSERR, "out of memory building the report");
	else if (!key || sign_message(key, body, len, sig, err) == 0) {
		json_t *s = signature_object(digest, key, sig);
		if (s && json_object_set_new(report, "signature", s) == 0)
			rc = 0;
		else
			tpp_error_set(err, TPP_EX_OSERR, "out of memory building the report");
	}
	free(body);
	return rc;
}

char *report_pretty(const json_t *report, size_t *len)
{
	char *text = json_dumps(report, PRETTY_FLAGS);
	if (!text)
		return NULL;
	size_t n = strlen(text);
	char *out = realloc(text, n + 2);
	if (!out) {
		free(text);
		return NULL;
	}
	out[n] = '\n';
	out[n + 1] = '\0';
	*len = n + 1;
	return out;
}
