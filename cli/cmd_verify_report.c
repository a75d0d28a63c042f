/* tppscan verify-report: check an evidence report made by tppscan verify:
 * the body's SHA-256 against the digest it records, and its Ed25519
 * signature against a public key the checker trusts. Exit 0 valid, 1
 * altered or signed by another key (saying which check failed), >= 64 on
 * error. --print-body writes the canonical body, so that the signature can
 * be checked with the openssl command line alone (tppscan(1)).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "cli/render.h"
#include "cli/report_seal.h"
#include "core/input.h"

static const char usage[] =
	"Usage: tppscan verify-report REPORT.json --pubkey PUB.pem [options]\n"
	"       tppscan verify-report REPORT.json --print-body\n"
	"Check an evidence report written by tppscan verify: the SHA-256 of its canonical\n"
	"body against the digest it records, and its Ed25519 signature against PUB.pem.\n"
	"Exit 0 when both hold, 1 when the report was altered or signed with another key.\n"
	"\n"
	"Options:\n"
	"  --pubkey FILE        the signer's public key (PEM), as the checker obtained it\n"
	"  --print-body         write the canonical body (what was signed) to stdout\n"
	"  --format text|json   output format (default text)\n"
	"  -h, --help           show this help\n"
	"Without tppscan: tppscan(1), EVIDENCE REPORT, gives the openssl commands.\n";

#define REPORT_MAX_BYTES (256u << 20)

enum { OPT_PUBKEY = 256, OPT_PRINT_BODY };

struct vr_opts {
	const char *pubkey;
	bool print_body;
};

struct vr_check {
	const char *path;
	json_t *report;
	const char *recorded, *key_recorded, *algorithm, *value;
	char computed[SHA256_HEX_LEN], key_given[SHA256_HEX_LEN];
	bool digest_ok, numbers_ok, is_signed, sig_ok, layout_ok;
	char problems[4][400];
	size_t n_problems;
};

static int take(struct cli *c, int opt, const char *arg, void *state, struct tpp_error *err)
{
	struct vr_opts *o = state;
	(void)c;
	(void)err;
	if (opt == OPT_PUBKEY)
		o->pubkey = arg;
	else if (opt == OPT_PRINT_BODY)
		o->print_body = true;
	else
		return CLI_TAKE_UNKNOWN;
	return 0;
}

static int load_pubkey(const char *path, struct sign_key **key, struct tpp_error *err)
{
	char *pem;
	size_t len;
	if (input_read_file(NULL, path, "a PEM key", INPUT_NOT_EMPTY, 1u << 20, &pem, &len, err))
		return -1;
	int rc = sign_key_public(path, pem, len, key, err);
	free(pem);
	return rc;
}

/* Parse the report and find its "signature" member: anything else is not
 * a report this command can check (65). */
static int load_report(struct vr_check *k, char **text, size_t *len, struct tpp_error *err)
{
	if (input_read_file(NULL, k->path, "an evidence report", INPUT_NOT_EMPTY, REPORT_MAX_BYTES, text, len, err))
		return -1;
	json_error_t je;
	k->report = json_loadb(*text, *len, JSON_REJECT_DUPLICATES, &je);
	if (!k->report) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s:%d:%d: not JSON: %s", k->path, je.line, je.column, je.text);
		return -1;
	}
	json_t *sig = json_object_get(k->report, "signature");
	const char *form = json_string_value(json_object_get(sig, "canonical_form"));
	k->recorded = json_string_value(json_object_get(sig, "body_sha256"));
	if (!json_is_object(k->report) || !json_is_object(sig) || !k->recorded) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s: not a tppscan evidence report (no signature.body_sha256)", k->path);
		return -1;
	}
	if (!form || strcmp(form, REPORT_CANONICAL_FORM)) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s: canonical form '%s' is not one this tppscan knows (%s)", k->path,
			      form ? form : "(none)", REPORT_CANONICAL_FORM);
		return -1;
	}
	k->algorithm = json_string_value(json_object_get(sig, "algorithm"));
	k->value = json_string_value(json_object_get(sig, "value"));
	k->key_recorded = json_string_value(json_object_get(sig, "key_sha256"));
	return 0;
}

static void problem(struct vr_check *k, const char *text)
{
	if (k->n_problems < sizeof(k->problems) / sizeof(k->problems[0]))
		snprintf(k->problems[k->n_problems++], sizeof(k->problems[0]), "%s", text);
}

/* The digest of the canonical body, whether its numbers survive the
 * canonical form exactly (a 17-digit number shown where a 15-digit one was
 * signed must not pass), and whether the file is laid out as tppscan writes. */
static int check_body(struct vr_check *k, const char *text, size_t len, char **body, size_t *blen,
		      struct tpp_error *err)
{
	*body = report_canonical_body(k->report, blen);
	json_t *copy = json_copy(k->report);
	size_t plen = 0;
	char *pretty = report_pretty(k->report, &plen);
	if (!*body || !copy || !pretty || !digest_sha256_hex(*body, *blen, k->computed)) {
		json_decref(copy);
		free(pretty);
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	json_object_del(copy, "signature");
	json_t *again = json_loadb(*body, *blen, 0, NULL);
	k->numbers_ok = again && json_equal(again, copy);
	json_decref(again);
	json_decref(copy);
	k->layout_ok = plen == len && !memcmp(pretty, text, len);
	free(pretty);
	k->digest_ok = !strcmp(k->computed, k->recorded);
	char msg[400];
	if (!k->digest_ok) {
		snprintf(msg, sizeof(msg), "the body's SHA-256 is %s, the report records %.64s: the report was altered "
			 "after it was written", k->computed, k->recorded);
		problem(k, msg);
	}
	if (!k->numbers_ok)
		problem(k, "a number has more digits than the canonical form keeps: the report was altered");
	return 0;
}

static void check_signature(struct vr_check *k, const struct sign_key *key, const char *keyname, const char *body,
			    size_t blen)
{
	char msg[400];
	unsigned char sig[ED25519_SIG_BYTES + 1];
	size_t n = 0;
	sign_key_id(key, k->key_given);
	k->is_signed = k->algorithm && k->value;
	if (!k->is_signed) {
		problem(k, "the report is not signed");
		return;
	}
	if (strcmp(k->algorithm, "Ed25519")) {
		snprintf(msg, sizeof(msg), "signed with '%.64s', not Ed25519", k->algorithm);
		problem(k, msg);
		return;
	}
	if (!base64_decode(k->value, sig, sizeof(sig), &n) || n != ED25519_SIG_BYTES) {
		problem(k, "the signature value is not a base64 Ed25519 signature (64 bytes): the report was altered");
		return;
	}
	if ((k->sig_ok = sign_verify(key, body, blen, sig, n)))
		return;
	if (k->key_recorded && strcmp(k->key_recorded, k->key_given))
		snprintf(msg, sizeof(msg), "the signature does not verify with %s (key SHA-256 %s); the report names "
			 "key SHA-256 %.64s: the wrong key, or an altered report", keyname, k->key_given, k->key_recorded);
	else
		snprintf(msg, sizeof(msg), "the signature does not verify with %s (key SHA-256 %s): the report was "
			 "altered after it was signed", keyname, k->key_given);
	problem(k, msg);
}

static bool valid(const struct vr_check *k)
{
	return k->digest_ok && k->numbers_ok && k->sig_ok;
}

static void render_text(const struct vr_check *k, const char *keyname, FILE *f)
{
	if (k->digest_ok && k->numbers_ok)
		fprintf(f, "%s: body SHA-256 %s matches the digest the report records\n", k->path, k->computed);
	if (k->sig_ok)
		fprintf(f, "%s: Ed25519 signature valid for %s (key SHA-256 %s)\n", k->path, keyname, k->key_given);
	for (size_t i = 0; i < k->n_problems; i++)
		fprintf(f, "%s: %s\n", k->path, k->problems[i]);
	if (!k->layout_ok)
		fprintf(f, "%s: note: the file is not laid out as tppscan writes it (whitespace or number form); "
			"the signature covers the content, not the layout\n", k->path);
	fprintf(f, "tppscan verify-report: %s\n", valid(k) ? "VALID" : "NOT VALID");
}

static json_t *render_json(const struct cli *c, const struct vr_check *k)
{
	json_t *root = render_json_header(c);
	json_object_del(root, "rules");
	json_t *problems = json_array();
	for (size_t i = 0; i < k->n_problems; i++)
		json_array_append_new(problems, json_string(k->problems[i]));
	json_object_set_new(root, "document", json_string("tppscan-verify-report-check"));
	json_object_set_new(root, "report", json_string(k->path));
	json_object_set_new(root, "valid", json_boolean(valid(k)));
	json_object_set_new(root, "digest", json_pack("{s:s, s:s, s:b, s:b}", "recorded", k->recorded, "computed",
						      k->computed, "match", k->digest_ok, "numbers_canonical", k->numbers_ok));
	json_object_set_new(root, "signature", json_pack("{s:b, s:o, s:o, s:s, s:b}", "present", k->is_signed,
		"algorithm", json_str(k->algorithm), "key_sha256_recorded", json_str(k->key_recorded),
		"key_sha256_given", k->key_given, "valid", k->sig_ok));
	json_object_set_new(root, "layout_as_written", json_boolean(k->layout_ok));
	json_object_set_new(root, "problems", problems);
	return root;
}

static int run(struct cli *c, const struct vr_opts *o, struct vr_check *k, struct tpp_error *err)
{
	struct sign_key *key = NULL;
	char *text = NULL, *body = NULL;
	size_t len = 0, blen = 0;
	int rc = -1;
	if (o->print_body) {
		if (!load_report(k, &text, &len, err) && (body = report_canonical_body(k->report, &blen))) {
			fwrite(body, 1, blen, c->out);
			rc = 0;
		} else if (!err->status)
			tpp_error_set(err, TPP_EX_OSERR, "out of memory");
	} else if (!load_pubkey(o->pubkey, &key, err) && !load_report(k, &text, &len, err) &&
		   !check_body(k, text, len, &body, &blen, err)) {
		check_signature(k, key, o->pubkey, body, blen);
		int out = 0;
		if (c->format == FMT_JSON)
			out = render_json_emit(c, render_json(c, k), err);
		else
			render_text(k, o->pubkey, c->out);
		rc = out ? -1 : valid(k) ? 0 : 1;
	}
	sign_key_free(key);
	free(text);
	free(body);
	return rc;
}

int cmd_verify_report(int argc, char **argv, struct tpp_error *err, struct cli *c)
{
	static const struct option longopts[] = {
		{ "pubkey", required_argument, NULL, OPT_PUBKEY },
		{ "print-body", no_argument, NULL, OPT_PRINT_BODY },
		CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct vr_opts o = { 0 };
	int rc = cli_options(c, argc, argv, longopts, usage, take, &o, err);
	if (rc)
		return rc > 0 ? 0 : -1;
	if (optind + 1 != argc) {
		tpp_error_set(err, TPP_EX_USAGE, optind < argc ? "tppscan verify-report: one report at a time (see --help)"
							       : "tppscan verify-report: name the report to check (see --help)");
		return -1;
	}
	if (!o.pubkey && !o.print_body) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan verify-report: give --pubkey PUB.pem (the signer's public key), "
			      "or --print-body");
		return -1;
	}
	struct vr_check k = { .path = argv[optind] };
	rc = run(c, &o, &k, err);
	json_decref(k.report);
	if (rc >= 0 && cli_flush(c, err))
		return -1;
	return rc;
}
