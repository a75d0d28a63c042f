/* The rows of a batch manifest (classify --batch): CSV with a header row
 * naming its columns, or JSON Lines objects with the same names. A row
 * names a part (name, alias, unique prefix or PCI ID) or gives figures:
 *   id part tpp pd die_area tpp_min tpp_max pd_min pd_max datacenter
 *   io_bidir dram_bw transistors has_hbm hbm_mbd
 * (classify's options, with '_' for '-'). An empty CSV cell or a JSON null
 * is a figure not given. Rows are read in place, without allocation: a
 * million lines a second go through here.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef TPP_BATCH_INPUT_H
#define TPP_BATCH_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/assess.h"

enum batch_col { BC_ID, BC_PART, BC_TPP, BC_PD, BC_DIE_AREA, BC_TPP_MIN, BC_TPP_MAX, BC_PD_MIN, BC_PD_MAX,
	BC_DATACENTER, BC_IO_BIDIR, BC_DRAM_BW, BC_TRANSISTORS, BC_HAS_HBM, BC_HBM_MBD, BC_N };
const char *batch_col_name(enum batch_col c);

#define BATCH_MAX_COLS 32

struct batch_header {
	enum batch_col col[BATCH_MAX_COLS];   /* the CSV's columns in order */
	size_t n;
};

struct batch_row {
	const char *text[BC_N];   /* each value given, as written (NUL-terminated, in the line) */
	bool set[BC_N];
	double num[BC_N];
	bool boolean[BC_N];
	char literal[BC_N][40];   /* JSON numbers, copied to be terminated */
};

/* The header row: every name known, none twice; 0 or -1 with msg. */
int batch_header_parse(char *line, size_t len, struct batch_header *h, char *msg, size_t msg_len);
/* One row (modified in place); 0 or -1 with the problem in msg. */
int batch_csv_row(const struct batch_header *h, char *line, size_t len, struct batch_row *r, char *msg,
		  size_t msg_len);
int batch_json_row(char *line, size_t len, struct batch_row *r, char *msg, size_t msg_len);
/* A row's figures as classify's options give them, checked the same way:
 * 1 for a part row (r->text[BC_PART]), 0 for figures (d and in filled),
 * -1 with msg. */
int batch_row_figures(const struct batch_row *r, struct declared_figures *d, struct class_input *in, char *msg,
		      size_t msg_len);

#endif
