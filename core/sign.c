/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/sign.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

struct sign_key {
	EVP_PKEY *pkey;
};

/* An encrypted key would make OpenSSL prompt on the terminal: refuse the
 * passphrase instead, so a batch run never waits. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return 0;
}

static const char *openssl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;
	return r ? r : "no PEM key found";
}

static int load(const char *name, const char *pem, size_t len, bool private_key, struct sign_key **out,
		struct tpp_error *err)
{
	*out = NULL;
	if (len > (size_t)1 << 20) {
		tpp_error_set(err, TPP_EX_DATAERR, "%s: larger than 1 MiB: not a key", name);
		return -1;
	}
	ERR_clear_error();
	BIO *bio = BIO_new_mem_buf(pem, (int)len);
	EVP_PKEY *k = NULL;
	if (bio)
		k = private_key ? PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL)
				: PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	if (!k) {
		bool encrypted = memmem(pem, len, "ENCRYPTED", 9) != NULL;
		bool is_private = memmem(pem, len, "PRIVATE KEY-----", 16) != NULL;
		if (private_key && memmem(pem, len, "PUBLIC KEY-----", 15))
			tpp_error_set(err, TPP_EX_DATAERR, "%s: a public key; signing needs the private key", name);
		else if (private_key && encrypted)
			tpp_error_set(err, TPP_EX_DATAERR, "%s: an encrypted private key; give an unencrypted one "
				      "(openssl pkey -in KEY -out PLAIN.pem)", name);
		else if (!private_key && is_private)
			tpp_error_set(err, TPP_EX_DATAERR, "%s: a private key; give the public key "
				      "(openssl pkey -in KEY -pubout -out PUB.pem)", name);
		else
			tpp_error_set(err, TPP_EX_DATAERR, "%s: not a PEM %s key (%s)", name,
				      private_key ? "private" : "public", openssl_reason());
		ERR_clear_error();
		return -1;
	}
	if (EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
		const char *type = EVP_PKEY_get0_type_name(k);
		tpp_error_set(err, TPP_EX_DATAERR, "%s: the key is %s; reports are signed with Ed25519 "
			      "(openssl genpkey -algorithm ed25519 -out KEY.pem)", name, type ? type : "not Ed25519");
		EVP_PKEY_free(k);
		return -1;
	}
	if (!(*out = malloc(sizeof(**out)))) {
		EVP_PKEY_free(k);
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	(*out)->pkey = k;
	return 0;
}

int sign_key_private(const char *name, const char *pem, size_t len, struct sign_key **out, struct tpp_error *err)
{
	return load(name, pem, len, true, out, err);
}

int sign_key_public(const char *name, const char *pem, size_t len, struct sign_key **out, struct tpp_error *err)
{
	return load(name, pem, len, false, out, err);
}

void sign_key_free(struct sign_key *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

bool sign_key_id(const struct sign_key *k, char out[SHA256_HEX_LEN])
{
	unsigned char *der = NULL;
	int n = i2d_PUBKEY(k->pkey, &der);
	bool ok = n > 0 && digest_sha256_hex(der, (size_t)n, out);
	OPENSSL_free(der);
	return ok;
}

char *sign_key_public_pem(const struct sign_key *k)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *pem = NULL, *data;
	if (bio && PEM_write_bio_PUBKEY(bio, k->pkey)) {
		long n = BIO_get_mem_data(bio, &data);
		if (n > 0 && (pem = malloc((size_t)n + 1))) {
			memcpy(pem, data, (size_t)n);
			pem[n] = '\0';
		}
	}
	BIO_free(bio);
	return pem;
}

int sign_message(const struct sign_key *k, const void *msg, size_t len, unsigned char sig[ED25519_SIG_BYTES],
		 struct tpp_error *err)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t n = ED25519_SIG_BYTES;
	/* Ed25519 hashes the message itself: no digest is named (NULL md) */
	bool ok = ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, k->pkey) == 1 &&
		  EVP_DigestSign(ctx, sig, &n, msg, len) == 1 && n == ED25519_SIG_BYTES;
	EVP_MD_CTX_free(ctx);
	if (!ok) {
		tpp_error_set(err, TPP_EX_SOFTWARE, "cannot sign the report: %s", openssl_reason());
		ERR_clear_error();
		return -1;
	}
	return 0;
}

bool sign_verify(const struct sign_key *k, const void *msg, size_t len, const unsigned char *sig, size_t sig_len)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k->pkey) == 1 &&
		  EVP_DigestVerify(ctx, sig, sig_len, msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return ok;
}

char *base64_encode(const unsigned char *data, size_t len)
{
	char *out = malloc(4 * ((len + 2) / 3) + 1);
	if (out)
		EVP_EncodeBlock((unsigned char *)out, data, (int)len);
	return out;
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

bool base64_decode(const char *text, unsigned char *out, size_t max, size_t *len)
{
	size_t n = strlen(text), o = 0;
	if (n % 4)
		return false;
	for (size_t i = 0; i < n; i += 4) {
		int v[4];
		size_t pad = 0;
		for (int k = 0; k < 4; k++) {
			char c = text[i + k];
			bool last = i + 4 == n;
			if (c == '=' && last && k >= 2 && (k == 3 || text[i + 3] == '=')) {
				v[k] = 0;
				pad++;
				continue;
			}
			if (pad || (v[k] = b64_value(c)) < 0)
				return false;
		}
		unsigned triple = (unsigned)v[0] << 18 | (unsigned)v[1] << 12 | (unsigned)v[2] << 6 | (unsigned)v[3];
		unsigned char b[3] = { (unsigned char)(triple >> 16), (unsigned char)(triple >> 8), (unsigned char)triple };
		if (o + 3 - pad > max)
			return false;
		memcpy(out + o, b, 3 - pad);
		o += 3 - pad;
	}
	*len = o;
	return true;
}
