/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/scan_view.h"

#include "cli/render_device.h"

/* The scan CSV contract (tppscan(1), MACHINE READABLE OUTPUT): columns only
 * ever added at the end. */
static const char *const scan_columns[] = { "slot", "vendor_id", "device_id", "subsystem_vendor_id",
	"subsystem_id", "part", "name", "match", "tpp", "tpp_source", "tpp_precision", "pd", "probed_tpp",
	"rule_set", "status", "eccn", "paragraphs", "license_exceptions", "flags", "licence_destination",
	"licence_required", "licence_exception", "licence_policy" };
#define N_COLS (sizeof(scan_columns) / sizeof(scan_columns[0]))

int scan_view_csv(const struct scan_report *r, struct tpp_error *err)
{
	const struct csv_column *cols[N_COLS];
	for (size_t i = 0; i < N_COLS; i++)
		cols[i] = csv_column(scan_columns[i]);
	csv_header_row(r->c->out, cols, N_COLS);
	for (size_t i = 0; i < r->n; i++) {
		csv_record_row(r->c->out, cols, N_COLS, &r->records[i]);
		if (cli_spill(r->c, err))
			return -1;
	}
	return 0;
}
