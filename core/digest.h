/* SHA-256 of what tppscan read or wrote, for evidence reports: the digest
 * of a buffer, and its lower-case hex form (what sha256sum prints).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_CORE_DIGEST_H
#define TPP_CORE_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#define SHA256_BYTES 32
#define SHA256_HEX_LEN 65   /* 64 hex digits and the NUL */

/* false only when libcrypto cannot allocate its context. */
bool digest_sha256(const void *data, size_t len, unsigned char out[SHA256_BYTES]);
/* The digest of data as 64 lower-case hex digits. */
bool digest_sha256_hex(const void *data, size_t len, char out[SHA256_HEX_LEN]);
/* n bytes as 2n lower-case hex digits and a NUL. */
void digest_hex(const unsigned char *bytes, size_t n, char *out);

#endif
