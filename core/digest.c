/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "core/digest.h"

#include <openssl/evp.h>

bool digest_sha256(const void *data, size_t len, unsigned char out[SHA256_BYTES])
{
	unsigned int n = 0;
	return EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) == 1 && n == SHA256_BYTES;
}

void digest_hex(const unsigned char *bytes, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

bool digest_sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN])
{
	unsigned char d[SHA256_BYTES];
	if (!digest_sha256(data, len, d)) {
		out[0] = '\0';
		return false;
	}
	digest_hex(d, sizeof(d), out);
	return true;
}
