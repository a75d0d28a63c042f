/* What the two halves of the store share (fleet_store.c: opening,
 * checking, transactions; fleet_store_rows.c: scans in and out).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_FLEET_STORE_INTERNAL_H
#define TPP_FLEET_STORE_INTERNAL_H

#include "core/fleet_store.h"

int store_status(int rc);
int store_fail(struct fleet_store *st, int rc, const char *what, struct tpp_error *err);
int store_prepare(struct fleet_store *st, struct tpp_error *err);

#endif
