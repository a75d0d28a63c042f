/* Checks an `lspci -x` dump before libpci reads it. libpci's dump reader
 * silently skips what it does not recognise: a mistyped address line, a
 * device with no config bytes (lspci without -x), an empty file. Each of
 * those would make a device vanish from the scan. This check accepts
 * exactly what libpci 3.9 reads as the user meant and names the file and
 * line of anything else.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_PROBE_PCI_DUMP_CHECK_H
#define TPP_PROBE_PCI_DUMP_CHECK_H

#include <stddef.h>

#include "core/error.h"

/* libpci's reader takes lines of at most this many characters (CR included). */
#define PCI_DUMP_MAX_LINE 253

/* `text` is the whole file (`len` bytes, need not be NUL-terminated); `name`
 * is only used in messages. Returns the number of devices (at least one),
 * or -1 with err set to TPP_EX_DATAERR and "name:line: problem". */
int pci_dump_check(const char *name, const char *text, size_t len, struct tpp_error *err);

#endif
