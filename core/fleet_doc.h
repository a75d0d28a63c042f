/* A JSON scan document (scan --format json written with --host-id, --site
 * or --country, which add its "host" object) read as the same report
 * records JSON Lines carry: each device object is mapped to a device
 * line's members and read by the one line reader, so both forms are
 * checked alike. The verdict's figures are the classification's
 * "parameters" (the values the evaluation used).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_FLEET_DOC_H
#define TPP_FLEET_DOC_H

#include <stddef.h>

#include "core/error.h"
#include "core/fleet_record.h"

typedef int (*fleet_record_fn)(void *arg, const struct fleet_record *r, struct tpp_error *err);

/* 0 after every record went to `fn`; 1 with the problem in msg when the
 * document is malformed (then no record was given); -1 when fn failed. */
int fleet_doc_read(const char *data, size_t len, fleet_record_fn fn, void *arg, char *msg, size_t msg_len,
		   struct tpp_error *err);

#endif
