/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/cli.h"
#include "core/timestamp.h"

#include "classify/assess.h"


#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

void cli_init(struct cli *c, const char *cmd)
{
	*c = (struct cli){ .cmd = cmd, .format = FMT_TEXT };
	opterr = 0;   /* our own one-line messages, not getopt's */
	c->out = open_memstream(&c->out_buf, &c->out_len);
}

void cli_free(struct cli *c)
{
	if (c->out && !c->spilled)
		fclose(c->out);
	free(c->out_buf);
	if (c->rules_loaded)
		rule_catalog_free(&c->rules);
	if (c->kb_loaded)
		kb_free(&c->kb);
	lic_free(&c->lic);
	dest_free(&c->dest);
	if (c->data_loaded)
		data_set_free(&c->data);
	*c = (struct cli){ 0 };
}

enum cli_opt_result cli_global_option(struct cli *c, int opt, const char *arg, struct tpp_error *err)
{
	switch (opt) {
	case 'A':
		if (!tpp_date_parse(arg, &c->as_of)) {
			tpp_error_set(err, TPP_EX_USAGE,
				      "tppscan %s: --as-of: '%s' is not a valid date (YYYY-MM-DD)", c->cmd, arg);
			return CLI_OPT_ERROR;
		}
		c->as_of_arg = arg;
		return CLI_OPT_OK;
	case 'R':
		c->rules_id = arg;
		return CLI_OPT_OK;
	case 'D':
		c->data_dir = arg;
		return CLI_OPT_OK;
	case 'F':
		if (strcmp(arg, "text") == 0)
			c->format = FMT_TEXT;
		else if (strcmp(arg, "json") == 0)
			c->format = FMT_JSON;
		else if (strcmp(arg, "csv") == 0 && c->format_csv_ok)
			c->format = FMT_CSV;
		else if (strcmp(arg, "markdown") == 0 && c->format_markdown_ok)
			c->format = FMT_MARKDOWN;
		else if (strcmp(arg, "jsonl") == 0 && c->format_jsonl_ok)
			c->format = FMT_JSONL;
		else {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --format: '%s' is not one of %s%s",
				      c->cmd, arg, c->format_csv_ok ? "text, json, csv"
				      : c->format_markdown_ok ? "text, json, markdown" : "text, json",
				      c->format_jsonl_ok ? ", jsonl" : "");
			return CLI_OPT_ERROR;
		}
		return CLI_OPT_OK;
	case 'e':
		c->exit_status = true;
		return CLI_OPT_OK;
	case CLI_OPT_DEST:
		c->dest_arg = arg;
		c->want_licence = true;
		return CLI_OPT_OK;
	case CLI_OPT_HQ:
		c->hq_arg = arg;
		return CLI_OPT_OK;
	case CLI_OPT_FROM:
		c->from_arg = arg;
		return CLI_OPT_OK;
	case CLI_OPT_DIFFUSION:
		c->diffusion = true;
		return CLI_OPT_OK;
	case 'v':
		c->verbose++;
		return CLI_OPT_OK;
	case 'h':
		return CLI_OPT_HELP;
	default:
		return CLI_OPT_UNHANDLED;
	}
}

void cli_bad_option(struct cli *c, int opt, int argc, char **argv, struct tpp_error *err)
{
	/* getopt leaves the offending word at optind - 1, except for an unknown
	 * short option inside a cluster, which only optopt names. */
	const char *word = optind - 1 > 0 && optind - 1 < argc ? argv[optind - 1] : "?";
	if (opt == ':')
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: option '%s' needs a value (see --help)", c->cmd, word);
	else if (optopt > 0 && optopt < 128 && strncmp(word, "--", 2) != 0)
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: unknown option '-%c' (see --help)", c->cmd, optopt);
	else
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: unknown option '%s' (see --help)", c->cmd, word);
}

int cli_options(struct cli *c, int argc, char **argv, const struct option *longopts, const char *usage,
		cli_take_fn take, void *state, struct tpp_error *err)
{
	int opt;
	char shortopts[32];
	snprintf(shortopts, sizeof(shortopts), "%s%s", CLI_GLOBAL_SHORTOPTS, c->shortopts ? c->shortopts : "");
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (cli_global_option(c, opt, optarg, err)) {
		case CLI_OPT_OK:
			continue;
		case CLI_OPT_HELP:
			fputs(usage, c->out);
			return cli_flush(c, err) ? -1 : 1;   /* a help that cannot be written is 74 too */
		case CLI_OPT_ERROR:
			return -1;
		case CLI_OPT_UNHANDLED:
			break;
		}
		int r = opt == '?' || opt == ':' || !take ? CLI_TAKE_UNKNOWN : take(c, opt, optarg, state, err);
		if (r == CLI_TAKE_UNKNOWN) {
			cli_bad_option(c, opt, argc, argv, err);
			return -1;
		}
		if (r)
			return -1;
	}
	return 0;
}

bool cli_rules_by_date(const struct cli *c)
{
	return c->rules_id == NULL;
}

/* "Today": TPPSCAN_TODAY when set (tests and reproducible reports pin it),
 * else the local calendar date. */
int cli_today(const struct cli *c, tpp_date *out, struct tpp_error *err)
{
	const char *env = getenv("TPPSCAN_TODAY");
	if (!env || !*env) {
		*out = tpp_date_today();
		return 0;
	}
	if (!tpp_date_parse(env, out)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: TPPSCAN_TODAY: '%s' is not a valid date (YYYY-MM-DD)",
			      c->cmd, env);
		return -1;
	}
	return 0;
}

/* One country option: a two-letter ISO 3166 code the data knows (any
 * case; Hong Kong is China), else 64 naming the accepted forms. */
static int country(struct cli *c, const char *opt, const char *arg, char out[3], struct tpp_error *err)
{
	if (!dest_canonical(&c->dest, arg, out, NULL)) {
		tpp_error_set(err, TPP_EX_USAGE,
			      "tppscan %s: %s: '%s' is not a country: give an ISO 3166-1 alpha-2 code such as CN, US, AE or "
			      "HK (any case; tppscan countries lists the groups of one)", c->cmd, opt, arg);
		return -1;
	}
	return 0;
}

int cli_licence_query(struct cli *c, struct tpp_error *err)
{
	if (!c->want_licence) {
		if (c->hq_arg || c->from_arg || c->diffusion) {
			tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: --hq, --from and --diffusion describe a shipment: give --dest too",
				      c->cmd);
			return -1;
		}
		return 0;
	}
	if (!c->dest.loaded || !c->lic.loaded) {
		tpp_error_set(err, TPP_EX_NOINPUT, "tppscan %s: --dest needs destinations/country-groups.json and "
			      "destinations/licence.json in the data (%s)", c->cmd, c->data.origin);
		return -1;
	}
	struct lic_query *q = &c->licq;
	*q = (struct lic_query){ .date = c->as_of, .diffusion = c->diffusion };
	if (country(c, "--dest", c->dest_arg, q->dest, err) ||
	    country(c, "--hq", c->hq_arg ? c->hq_arg : c->dest_arg, q->hq, err) ||
	    country(c, "--from", c->from_arg ? c->from_arg : "US", q->from, err))
		return -1;
	return 0;
}

int cli_now_epoch(const char *cmd, int64_t *out, bool *pinned, struct tpp_error *err)
{
	const char *env = getenv("TPPSCAN_NOW");
	bool set = env && *env;
	if (pinned)
		*pinned = set;
	if (set && !tpp_time_parse(env, out)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: TPPSCAN_NOW: '%s' is not a UTC date and time (YYYY-MM-DDTHH:MM:SSZ)",
			      cmd, env);
		return -1;
	}
	if (!set) {
		time_t now = time(NULL);
		if (now == (time_t)-1) {
			tpp_error_set(err, TPP_EX_OSERR, "tppscan %s: cannot read the clock", cmd);
			return -1;
		}
		*out = (int64_t)now;
	}
	return 0;
}

const char *cli_hostname(char *buf, size_t n)
{
	const char *env = getenv("TPPSCAN_HOSTNAME");
	if (env && *env) {
		snprintf(buf, n, "%s", env);
		return "TPPSCAN_HOSTNAME";
	}
	buf[0] = '\0';
	if (n < 2 || gethostname(buf, n - 1) != 0 || !*buf) {
		buf[0] = '\0';
		return NULL;
	}
	buf[n - 1] = '\0';
	return "gethostname";
}

int cli_now(const struct cli *c, char out[21], bool *pinned, struct tpp_error *err)
{
	int64_t t;
	if (cli_now_epoch(c->cmd, &t, pinned, err))
		return -1;
	tpp_time_format(t, out);
	return 0;
}

int cli_load(struct cli *c, struct tpp_error *err)
{
	if (data_set_load(&c->data, c->data_dir, err))
		return -1;
	c->data_loaded = true;
	if (rule_catalog_load(&c->rules, &c->data, err))
		return -1;
	c->rules_loaded = true;
	if (kb_load(&c->kb, &c->data, err))
		return -1;
	c->kb_loaded = true;
	/* 86 KB of JSON: parsed only by the commands that answer from it */
	if ((c->want_licence || c->needs_destinations) &&
	    (dest_load(&c->dest, &c->data, err) || lic_load(&c->lic, &c->data, &c->dest, err)))
		return -1;

	tpp_date newest = c->kb.revised;
	for (size_t i = 0; i < c->rules.n; i++)
		if (c->rules.sets[i].revised > newest)
			newest = c->rules.sets[i].revised;
	char d[11];
	tpp_date_format(newest, d);
	snprintf(c->data_version, sizeof(c->data_version), "%s+%08x", d, c->data.hash);

	if (!c->as_of_arg && cli_today(c, &c->as_of, err))
		return -1;
	if (cli_licence_query(c, err))
		return -1;
	if (c->rules_id) {
		c->rs = rule_catalog_find(&c->rules, c->rules_id);
		if (!c->rs) {
			char list[256] = "";
			for (size_t i = 0; i < c->rules.n; i++) {
				strncat(list, i ? ", " : "", sizeof(list) - strlen(list) - 1);
				strncat(list, c->rules.sets[i].id, sizeof(list) - strlen(list) - 1);
			}
			tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: %sno rule set '%s' (known: %s)",
				      c->cmd, c->rules_from_operand ? "" : "--rules: ", c->rules_id, list);
			return -1;
		}
		return 0;
	}
	c->rs = rule_catalog_in_force(&c->rules, c->as_of);
	if (!c->rs) {
		char d1[11], d2[11];
		tpp_date_format(c->as_of, d1);
		tpp_date_format(c->rules.sets[0].effective, d2);
		tpp_error_set(err, TPP_EX_USAGE,
			      "tppscan %s: --as-of: no rule set was in force on %s (the earliest took effect %s)",
			      c->cmd, d1, d2);
		return -1;
	}
	return 0;
}

bool cli_parse_number(const char *s, double *out)
{
	if (!s || !*s)
		return false;
	errno = 0;
	char *end;
	double v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v) || s[0] == ' ' || s[0] == '\t')
		return false;
	/* strtod takes hex and "inf"/"nan"; numbers here are decimal */
	for (const char *p = s; *p; p++)
		if (strchr("xXnNiI", *p))
			return false;
	*out = v == 0 ? 0.0 : v;   /* "-0" is zero, never printed as "-0" */
	return true;
}

bool cli_parse_nonneg(struct cli *c, const char *opt, const char *s, double *out, struct tpp_error *err)
{
	double v;
	if (!cli_parse_number(s, &v)) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: %s: '%s' is not a number", c->cmd, opt, s);
		return false;
	}
	if (v < 0) {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: %s: '%s' is negative", c->cmd, opt, s);
		return false;
	}
	*out = v;
	return true;
}

bool cli_parse_yesno(struct cli *c, const char *opt, const char *s, bool *out, struct tpp_error *err)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") || !strcmp(s, "1"))
		*out = true;
	else if (!strcasecmp(s, "no") || !strcasecmp(s, "false") || !strcmp(s, "0"))
		*out = false;
	else {
		tpp_error_set(err, TPP_EX_USAGE, "tppscan %s: %s: '%s' is not yes or no", c->cmd, opt, s);
		return false;
	}
	return true;
}

int cli_spill(struct cli *c, struct tpp_error *err)
{
	if (c->spilled)
		return 0;
	if (ftello(c->out) < (off_t)CLI_SPILL_BYTES)
		return 0;
	if (fflush(c->out) != 0) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory building the output");
		return -1;
	}
	size_t len = c->out_len;
	bool ok = fwrite(c->out_buf, 1, len, stdout) == len;
	fclose(c->out);
	free(c->out_buf);
	c->out_buf = NULL;
	c->out_len = 0;
	c->out = stdout;
	c->spilled = true;
	if (!ok) {
		tpp_error_set(err, TPP_EX_IOERR, "tppscan: cannot write output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int cli_flush(struct cli *c, struct tpp_error *err)
{
	if (c->spilled) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			tpp_error_set(err, TPP_EX_IOERR, "tppscan: cannot write output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!c->out || fflush(c->out) != 0) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory building the output");
		return -1;
	}
	if ((c->out_len && fwrite(c->out_buf, 1, c->out_len, stdout) != c->out_len) ||
	    fflush(stdout) != 0 || ferror(stdout)) {
		tpp_error_set(err, TPP_EX_IOERR, "tppscan: cannot write output: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int cli_assessor(struct cli *c, struct assessor *a, struct tpp_error *err)
{
	if (assessor_init(a, &c->kb, c->rs, c->as_of, err))
		return -1;
	if (c->want_licence)
		assessor_set_licence(a, &c->lic, &c->dest, &c->licq);
	return 0;
}

void cli_exit_add(const struct cli *c, struct verdict *v, const struct assessment *a)
{
	if (!c->want_licence || !a->has_licence) {
		verdict_add(v, a->cl);
		return;
	}
	/* with --dest the status answers "may it ship": 14 a licence is needed,
	 * 13 undetermined, 0 not needed */
	int st = a->licence.required == 1 ? 14 : a->licence.required < 0 ? VERDICT_EXIT_UNDETERMINED : 0;
	int rank = st == 14 ? 3 : st ? 2 : 1;
	if (rank > v->rank) {
		v->rank = rank;
		v->status = st;
	}
}
