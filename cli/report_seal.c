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

/* jansson's compact output in the canonical form: \u escapes with
 * lower-case hex digits, and exponents with a sign and at least two digits
 * ("1e-05", "9.5e+18", as C's printf, Python and jq write them; jansson
 * writes "1e-5", "9.5e18"). Outside strings an 'e' after a digit is an
 * exponent; in compact output a backslash always starts an escape. The result is at
 * most 3/2 the length of the input. */
static char *canonical_text(const char *in, size_t len, size_t *out_len)
{
	char *out = malloc(len + len / 2 + 1), *o = out;
	bool in_string = false;
	for (size_t i = 0; out && i < len; i++) {
		char ch = in[i];
		if (in_string && ch == '\\') {
			*o++ = ch;
			*o++ = in[++i];
			bool unicode = in[i] == 'u';
			for (size_t k = 0; unicode && k < 4 && i + 1 < len; k++, i++)
				*o++ = in[i + 1] >= 'A' && in[i + 1] <= 'F' ? (char)(in[i + 1] - 'A' + 'a') : in[i + 1];
			continue;
		}
		if (ch == '"')
			in_string = !in_string;
		*o++ = ch;
		/* an exponent follows a digit ("true" and "false" hold an 'e' too) */
		if (in_string || (ch != 'e' && ch != 'E') || i == 0 || in[i - 1] < '0' || in[i - 1] > '9')
			continue;
		char sign = in[i + 1] == '-' ? '-' : '+';
		i += in[i + 1] == '-' || in[i + 1] == '+';
		*o++ = sign;
		size_t digits = strspn(in + i + 1, "0123456789");
		if (digits == 1)
			*o++ = '0';
	}
	if (out) {
		*o = '\0';
		*out_len = (size_t)(o - out);
	}
	return out;
}

char *report_canonical_body(const json_t *report, size_t *len)
{
	json_t *body = json_copy((json_t *)report);   /* shallow: only the top level changes */
	if (!body)
		return NULL;
	json_object_del(body, "signature");
	char *text = json_dumps(body, CANON_FLAGS);
	json_decref(body);
	char *canon = text ? canonical_text(text, strlen(text), len) : NULL;
	free(text);
	return canon;
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
