/* Ed25519 signatures over evidence reports, through OpenSSL's libcrypto,
 * so that `openssl pkeyutl -verify -rawin` checks them as well. Keys are
 * PEM (PKCS#8 "PRIVATE KEY", SubjectPublicKeyInfo "PUBLIC KEY"), the
 * forms `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout`
 * write. Errors name the key file; a key that is not what is needed is
 * malformed input (65).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CORE_SIGN_H
#define TPP_CORE_SIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/digest.h"
#include "core/error.h"

#define ED25519_SIG_BYTES 64

struct sign_key;

/* `name` is the key's file name for messages; pem its contents. */
int sign_key_private(const char *name, const char *pem, size_t len, struct sign_key **out, struct tpp_error *err);
int sign_key_public(const char *name, const char *pem, size_t len, struct sign_key **out, struct tpp_error *err);
void sign_key_free(struct sign_key *k);

/* The key's identity: SHA-256 of its public key in DER (what
 * `openssl pkey -pubout -outform DER | sha256sum` prints). */
bool sign_key_id(const struct sign_key *k, char out[SHA256_HEX_LEN]);
/* The public key as PEM, malloc()ed; NULL on out of memory. */
char *sign_key_public_pem(const struct sign_key *k);

int sign_message(const struct sign_key *k, const void *msg, size_t len, unsigned char sig[ED25519_SIG_BYTES],
		 struct tpp_error *err);
/* true when sig is a valid signature of msg under k. */
bool sign_verify(const struct sign_key *k, const void *msg, size_t len, const unsigned char *sig, size_t sig_len);

/* Standard base64 with padding, no line breaks: malloc()ed string. */
char *base64_encode(const unsigned char *data, size_t len);
/* Strict decoding (padding required, no other characters); false if the
 * text is not base64 or decodes to more than max bytes. */
bool base64_decode(const char *text, unsigned char *out, size_t max, size_t *len);

#endif
