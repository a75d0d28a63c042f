/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/cli.h"
int cmd_plot(int argc, char **argv, struct tpp_error *err, struct cli *c)
{ (void)argc; (void)argv; (void)c; tpp_error_set(err, 70, "todo"); return -1; }
