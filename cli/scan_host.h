/* Who and when a fleet report is about: the host id (--host-id, default
 * /etc/machine-id, else the host name), the site and country labels, the
 * host name and the scan time. The defaults read the environment and the
 * clock, each through a documented override so tests never depend on
 * either (tppscan(1), ENVIRONMENT):
 *   TPPSCAN_MACHINE_ID_FILE  the machine-id file (default /etc/machine-id)
 *   TPPSCAN_HOSTNAME         the host name (default gethostname())
 *   TPPSCAN_NOW              the scan time, YYYY-MM-DDTHH:MM:SSZ (default the clock)
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_SCAN_HOST_H
#define TPP_SCAN_HOST_H

#include <stdbool.h>

#include "core/error.h"
#include "core/fleet_record.h"

struct scan_host {
	const char *host_id_arg, *site_arg, *country_arg;   /* as given, NULL if not */
	struct fleet_labels labels;                         /* resolved */
	char hostname[FLEET_LABEL_MAX + 1];
	const char *host_id_from;   /* "--host-id", "machine-id file", "host name"; NULL until resolved */
};

/* Check the options (64) and fill in the defaults. */
int scan_host_resolve(struct scan_host *h, const char *cmd, struct tpp_error *err);

#endif
