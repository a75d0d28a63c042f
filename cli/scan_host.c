/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/scan_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/input.h"

/* The first line of the machine-id file, if it is a usable host id. */
static bool machine_id(char *out, size_t n)
{
	const char *path = getenv("TPPSCAN_MACHINE_ID_FILE");
	if (!path || !*path)
		path = "/etc/machine-id";
	char *data = NULL;
	size_t len = 0;
	struct tpp_error ignored = { 0 };
	if (input_read_file(NULL, path, "a machine-id file", 0, 4096, &data, &len, &ignored))
		return false;
	data[strcspn(data, "\r\n")] = '\0';
	bool ok = !fleet_check_host_id(data) && strlen(data) < n;
	if (ok)
		snprintf(out, n, "%s", data);
	free(data);
	return ok;
}

/* The host name, or "" when it cannot be used as a label. */
static void host_name(struct scan_host *h)
{
	char buf[256];
	if (cli_hostname(buf, sizeof(buf)) && !fleet_check_site(buf))
		snprintf(h->hostname, sizeof(h->hostname), "%.64s", buf);   /* checked: at most 64 */
}

int scan_host_resolve(struct scan_host *h, const char *cmd, struct tpp_error *err)
{
	const char *why;
	struct fleet_labels *l = &h->labels;
	if (h->host_id_arg && (why = fleet_check_host_id(h->host_id_arg))) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --host-id: '%s' is %s", cmd, h->host_id_arg, why);
		return -1;
	}
	if (h->site_arg && (why = fleet_check_site(h->site_arg))) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --site: '%s' is %s", cmd, h->site_arg, why);
		return -1;
	}
	if (h->country_arg && (why = fleet_check_country(h->country_arg, l->country))) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --country: '%s' is %s", cmd, h->country_arg, why);
		return -1;
	}
	host_name(h);
	if (cli_now_epoch(cmd, &l->scan_epoch, NULL, err))
		return -1;
	tpp_time_format(l->scan_epoch, l->scan_time);
	snprintf(l->site, sizeof(l->site), "%s", h->site_arg ? h->site_arg : "");
	if (h->host_id_arg) {
		snprintf(l->host_id, sizeof(l->host_id), "%s", h->host_id_arg);
		h->host_id_from = "--host-id";
	} else if (machine_id(l->host_id, sizeof(l->host_id))) {
		h->host_id_from = "machine-id file";
	} else if (*h->hostname) {
		snprintf(l->host_id, sizeof(l->host_id), "%s", h->hostname);
		h->host_id_from = "host name";
	} else {
		tpp_error_set(err, TPP_EX_USAGE,
			      "tppscan %s: no host id: no usable machine-id file and no host name; give --host-id", cmd);
		return -1;
	}
	return 0;
}
