/* The evidence of a verify report: SHA-256 and the read log, atomic output
 * files, Ed25519 keys and signatures, base64, the canonical body and its
 * seal, and the pinned time of a test.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/report_seal.h"
#include "core/outfile.h"
#include "core/readlog.h"
#include "core/sign.h"
#include "tests/support/testutil.h"

static void test_sha256(void **state)
{
	(void)state;
	char hex[SHA256_HEX_LEN];
	assert_true(digest_sha256_hex("abc", 3, hex));
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_true(digest_sha256_hex("", 0, hex));
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_read_log(void **state)
{
	(void)state;
	struct read_log log = { 0 };
	read_log_add(&log, "sysfs", "b/vendor", "0x10de\n", 7, NULL);
	read_log_add(&log, "sysfs", "b/vendor", "0x10de\n", 7, NULL);   /* the same bytes again: once */
	read_log_add(&log, "sysfs", "b/vendor", "0x1002\n", 7, NULL);   /* changed between reads: twice */
	read_log_add(&log, "dump", "a.lspci", "", 0, "tppscan, after libpci");
	read_log_add(NULL, "dump", "ignored", "x", 1, NULL);
	assert_int_equal(log.n, 3);
	read_log_sort(&log);
	assert_string_equal(log.v[0].path, "a.lspci");
	assert_string_equal(log.v[0].read_by, "tppscan, after libpci");
	assert_string_equal(log.v[1].read_by, "tppscan");
	assert_int_equal(log.v[1].bytes, 7);
	read_log_free(&log);
}

static char dir[64];

static int mkdir_setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/tppscan-test-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int mkdir_teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static size_t files_in(const char *d)
{
	DIR *dd = opendir(d);
	size_t n = 0;
	for (struct dirent *e; dd && (e = readdir(dd));)
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (dd)
		closedir(dd);
	return n;
}

static void test_outfile(void **state)
{
	(void)state;
	char a[128], b[128], link[128];
	struct tpp_error err = { 0 };
	snprintf(a, sizeof(a), "%s/a.json", dir);
	snprintf(b, sizeof(b), "%s/b.pdf", dir);
	snprintf(link, sizeof(link), "%s/link", dir);
	assert_int_equal(outfile_check(a, "--report", &err), 0);
	struct outfile_set s = { 0 };
	assert_int_equal(outfile_stage(&s, a, "one", 3, &err), 0);
	assert_int_equal(outfile_stage(&s, b, "two", 3, &err), 0);
	assert_int_equal(files_in(dir), 2);   /* only the temporary files so far */
	assert_int_equal(access(a, F_OK), -1);
	assert_int_equal(outfile_commit(&s, &err), 0);
	assert_int_equal(files_in(dir), 2);
	struct stat st;
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_size, 3);
	/* aborted: nothing changes, nothing is left */
	assert_int_equal(outfile_stage(&s, a, "three", 5, &err), 0);
	outfile_abort(&s);
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_size, 3);
	assert_int_equal(files_in(dir), 2);
	/* a link is refused at the check and again at the commit */
	assert_int_equal(symlink(a, link), 0);
	assert_int_equal(outfile_check(link, "--pdf", &err), -1);
	assert_int_equal(err.status, 74);
	assert_non_null(strstr(err.msg, "a symbolic link"));
	tpp_error_clear(&err);
	assert_int_equal(outfile_stage(&s, link, "x", 1, &err), 0);
	assert_int_equal(outfile_commit(&s, &err), -1);
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_size, 3);
	assert_int_equal(files_in(dir), 3);   /* a.json, b.pdf, the link: no temporary file */
	tpp_error_clear(&err);
	assert_int_equal(outfile_check(dir, "--pdf", &err), -1);
	tpp_error_clear(&err);
	assert_int_equal(outfile_check("/nonexistent-dir/x", "--pdf", &err), -1);
	assert_non_null(strstr(err.msg, "no directory"));
}

/* A fresh Ed25519 key as PEM, private or public. */
static char *new_key_pem(bool private_key, EVP_PKEY **keep)
{
	EVP_PKEY *k = *keep ? *keep : EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	assert_non_null(k);
	*keep = k;
	BIO *bio = BIO_new(BIO_s_mem());
	assert_true(private_key ? PEM_write_bio_PrivateKey(bio, k, NULL, NULL, 0, NULL, NULL) : PEM_write_bio_PUBKEY(bio, k));
	char *data;
	long n = BIO_get_mem_data(bio, &data);
	char *pem = strndup(data, (size_t)n);
	BIO_free(bio);
	return pem;
}

static void test_sign_and_verify(void **state)
{
	(void)state;
	EVP_PKEY *k = NULL, *other = NULL;
	char *priv = new_key_pem(true, &k), *pub = new_key_pem(false, &k), *pub2 = new_key_pem(false, &other);
	struct tpp_error err = { 0 };
	struct sign_key *sk, *pk, *pk2;
	assert_int_equal(sign_key_private("k.pem", priv, strlen(priv), &sk, &err), 0);
	assert_int_equal(sign_key_public("p.pem", pub, strlen(pub), &pk, &err), 0);
	assert_int_equal(sign_key_public("p2.pem", pub2, strlen(pub2), &pk2, &err), 0);
	unsigned char sig[ED25519_SIG_BYTES];
	assert_int_equal(sign_message(sk, "body", 4, sig, &err), 0);
	assert_true(sign_verify(pk, "body", 4, sig, sizeof(sig)));
	assert_false(sign_verify(pk, "bodY", 4, sig, sizeof(sig)));
	assert_false(sign_verify(pk2, "body", 4, sig, sizeof(sig)));
	assert_false(sign_verify(pk, "body", 4, sig, sizeof(sig) - 1));
	char id1[SHA256_HEX_LEN], id2[SHA256_HEX_LEN];
	assert_true(sign_key_id(sk, id1));
	assert_true(sign_key_id(pk, id2));
	assert_string_equal(id1, id2);   /* a private key and its public key are one identity */
	char *pem = sign_key_public_pem(sk);
	assert_string_equal(pem, pub);
	free(pem);
	/* the wrong kind of key, and not a key */
	struct sign_key *bad = NULL;
	assert_int_equal(sign_key_private("p.pem", pub, strlen(pub), &bad, &err), -1);
	assert_non_null(strstr(err.msg, "a public key; signing needs the private key"));
	tpp_error_clear(&err);
	assert_int_equal(sign_key_public("k.pem", priv, strlen(priv), &bad, &err), -1);
	assert_non_null(strstr(err.msg, "a private key; give the public key"));
	tpp_error_clear(&err);
	assert_int_equal(sign_key_public("x.pem", "junk", 4, &bad, &err), -1);
	assert_int_equal(err.status, 65);
	assert_null(bad);
	sign_key_free(sk);
	sign_key_free(pk);
	sign_key_free(pk2);
	free(priv);
	free(pub);
	free(pub2);
	EVP_PKEY_free(k);
	EVP_PKEY_free(other);
}

static void test_base64(void **state)
{
	(void)state;
	unsigned char out[8];
	size_t n;
	char *e = base64_encode((const unsigned char *)"ab", 2);
	assert_string_equal(e, "YWI=");
	free(e);
	assert_true(base64_decode("YWI=", out, sizeof(out), &n));
	assert_int_equal(n, 2);
	assert_memory_equal(out, "ab", 2);
	assert_true(base64_decode("YWJj", out, sizeof(out), &n));
	assert_int_equal(n, 3);
	assert_false(base64_decode("YWI", out, sizeof(out), &n));       /* not a multiple of 4 */
	assert_false(base64_decode("Y=JJ", out, sizeof(out), &n));      /* padding inside */
	assert_false(base64_decode("YW I", out, sizeof(out), &n));      /* a space */
	assert_false(base64_decode("YWJjYWJjYWJj", out, sizeof(out), &n));   /* 9 bytes > 8 */
	assert_true(base64_decode("", out, sizeof(out), &n));
	assert_int_equal(n, 0);
}

/* The canonical body: numbers normalized, keys sorted, compact, escapes in
 * lower case, the signature member left out; sealing records its digest. */
static void test_canonical_body(void **state)
{
	(void)state;
	json_t *r = json_pack("{s:f, s:f, s:f, s:s, s:{s:s}, s:[f, i, f, b, b, n]}", "b", 1.0, "a", 0.1 + 0.2, "c",
			      2368.0 / 814, "s", "x\x0by\"z\\ 1e5", "signature", "old", "junk", "l", 1e-5, 7, 9.5e18, 1, 0);
	report_normalize_numbers(r);
	size_t len;
	char *body = report_canonical_body(r, &len);
	assert_string_equal(body, "{\"a\":0.3,\"b\":1,\"c\":2.90909090909091,\"l\":[1e-05,7,9.5e+18,true,false,null],"
				  "\"s\":\"x\\u000by\\\"z\\\\ 1e5\"}");
	assert_int_equal(len, strlen(body));
	char digest[SHA256_HEX_LEN];
	digest_sha256_hex(body, len, digest);
	free(body);
	struct tpp_error err = { 0 };
	assert_int_equal(report_seal(r, NULL, &err), 0);
	json_t *sig = json_object_get(r, "signature");
	assert_string_equal(json_string_value(json_object_get(sig, "body_sha256")), digest);
	assert_string_equal(json_string_value(json_object_get(sig, "canonical_form")), REPORT_CANONICAL_FORM);
	assert_true(json_is_null(json_object_get(sig, "value")));
	/* the pretty form parses back to the same numbers */
	char *pretty = report_pretty(r, &len);
	assert_int_equal(pretty[len - 1], '\n');
	json_t *back = json_loads(pretty, 0, NULL);
	assert_true(json_equal(back, r));
	json_decref(back);
	free(pretty);
	json_decref(r);
}

static void test_seal_signed(void **state)
{
	(void)state;
	EVP_PKEY *k = NULL;
	char *priv = new_key_pem(true, &k);
	struct tpp_error err = { 0 };
	struct sign_key *sk;
	assert_int_equal(sign_key_private("k.pem", priv, strlen(priv), &sk, &err), 0);
	json_t *r = json_pack("{s:s}", "host", "lab");
	assert_int_equal(report_seal(r, sk, &err), 0);
	json_t *sig = json_object_get(r, "signature");
	assert_string_equal(json_string_value(json_object_get(sig, "algorithm")), "Ed25519");
	unsigned char raw[ED25519_SIG_BYTES + 1];
	size_t n;
	assert_true(base64_decode(json_string_value(json_object_get(sig, "value")), raw, sizeof(raw), &n));
	assert_int_equal(n, ED25519_SIG_BYTES);
	size_t len;
	char *body = report_canonical_body(r, &len);
	assert_string_equal(body, "{\"host\":\"lab\"}");
	assert_true(sign_verify(sk, body, len, raw, n));
	free(body);
	json_decref(r);
	sign_key_free(sk);
	free(priv);
	EVP_PKEY_free(k);
}

static void test_now(void **state)
{
	(void)state;
	struct cli c = { .cmd = "verify" };
	struct tpp_error err = { 0 };
	char now[21];
	bool pinned;
	setenv("TPPSCAN_NOW", "2026-11-22T10:00:00Z", 1);
	assert_int_equal(cli_now(&c, now, &pinned, &err), 0);
	assert_true(pinned);
	assert_string_equal(now, "2026-11-22T10:00:00Z");
	static const char *const bad[] = { "2026-11-22 10:00:00", "2026-11-22T10:00:00", "2026-02-30T10:00:00Z",
		"2026-11-22T24:00:00Z", "2026-11-22T10:60:00Z", "2026-11-22T1a:00:00Z", "2026-11-22T10:00:00+01:00" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("TPPSCAN_NOW", bad[i], 1);
		tpp_error_clear(&err);
		assert_int_equal(cli_now(&c, now, &pinned, &err), -1);
		assert_int_equal(err.status, 64);
	}
	unsetenv("TPPSCAN_NOW");
	assert_int_equal(cli_now(&c, now, &pinned, &err), 0);
	assert_false(pinned);
	assert_int_equal(strlen(now), 20);
	assert_int_equal(now[10], 'T');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_read_log),
		cmocka_unit_test_setup_teardown(test_outfile, mkdir_setup, mkdir_teardown),
		cmocka_unit_test(test_sign_and_verify),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_canonical_body),
		cmocka_unit_test(test_seal_signed),
		cmocka_unit_test(test_now),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
