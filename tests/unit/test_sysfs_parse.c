/* The sysfs/procfs text parsers, on in-memory input and on real amdgpu
 * captures from ../shared/corpus/amdgpu-sysfs when that folder exists.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "probe/sysfs_parse.h"
#include "tests/support/testutil.h"

#define CORPUS "../shared/corpus/amdgpu-sysfs"

static enum sysfs_parse dpm(const char *text, size_t len, uint64_t *mhz, char *why)
{
	*mhz = 0xdead;
	return sysfs_parse_dpm_max_mhz(text, len, mhz, why);
}

#define DPM(s, mhz, why) dpm(s, sizeof(s) - 1, mhz, why)

static void test_dpm_max_over_all_lines(void **state)
{
	(void)state;
	char why[SYSFS_WHY_SIZE];
	uint64_t mhz;
	/* RDNA3: min, current (marked), max; the current may be below min */
	assert_int_equal(DPM("0: 500Mhz\n1: 31Mhz *\n2: 2219Mhz\n", &mhz, why), SYSFS_PARSE_OK);
	assert_int_equal(mhz, 2219);
	/* the current clock above the table's top (an overdriven part) still counts */
	assert_int_equal(DPM("0: 500Mhz\n1: 2600Mhz *\n2: 2100Mhz\n", &mhz, why), SYSFS_PARSE_OK);
	assert_int_equal(mhz, 2600);
	/* Polaris: eight levels, trailing blanks, no final newline */
	assert_int_equal(DPM("0: 300Mhz \n1: 600Mhz \n2: 900Mhz *\n7: 1366Mhz ", &mhz, why), SYSFS_PARSE_OK);
	assert_int_equal(mhz, 1366);
	/* SMU 13 deep-sleep level "S", MHz spelled either way, CRLF from a copied capture */
	assert_int_equal(DPM("S: 19Mhz *\r\n0: 500MHz\r\n1: 2100mhz\r\n", &mhz, why), SYSFS_PARSE_OK);
	assert_int_equal(mhz, 2100);
	/* NUL padding to a page; what follows the NUL is not read */
	char padded[4096] = "0: 500Mhz *\n1: 2660Mhz \n";
	memcpy(padded + 100, "9: 9999Mhz\n", 11);
	assert_int_equal(dpm(padded, sizeof(padded), &mhz, why), SYSFS_PARSE_OK);
	assert_int_equal(mhz, 2660);
	/* all levels 0 MHz: parsed, and the caller decides it says nothing */
	assert_int_equal(DPM("0: 0Mhz *\n1: 0Mhz *", &mhz, why), SYSFS_PARSE_OK);
	assert_int_equal(mhz, 0);
}

static void test_dpm_rejects(void **state)
{
	(void)state;
	char why[SYSFS_WHY_SIZE];
	uint64_t mhz;
	assert_int_equal(DPM("", &mhz, why), SYSFS_PARSE_EMPTY);
	assert_int_equal(DPM("\n\n  \n", &mhz, why), SYSFS_PARSE_EMPTY);
	assert_int_equal(DPM("\0\0\0", &mhz, why), SYSFS_PARSE_EMPTY);
	assert_int_equal(mhz, 0xdead); /* untouched unless OK */

	assert_int_equal(DPM("0: 500Mhz\n1: fast\n", &mhz, why), SYSFS_PARSE_MALFORMED);
	assert_string_equal(why, "line 2 is not \"<level>: <n>Mhz\": \"1: fast\"");
	assert_int_equal(DPM("0: 500\n", &mhz, why), SYSFS_PARSE_MALFORMED);   /* no unit */
	assert_int_equal(DPM("0: 500GHz\n", &mhz, why), SYSFS_PARSE_MALFORMED);
	assert_int_equal(DPM("0 500Mhz\n", &mhz, why), SYSFS_PARSE_MALFORMED);  /* no colon */
	assert_int_equal(DPM("0: -5Mhz\n", &mhz, why), SYSFS_PARSE_MALFORMED);
	assert_int_equal(DPM("0: 500Mhz * extra\n", &mhz, why), SYSFS_PARSE_MALFORMED);
	assert_int_equal(DPM("OD_SCLK:\n0: 500Mhz\n", &mhz, why), SYSFS_PARSE_MALFORMED);
	/* huge values: past 64 bits, and merely implausible */
	assert_int_equal(DPM("0: 99999999999999999999999Mhz\n", &mhz, why), SYSFS_PARSE_MALFORMED);
	assert_int_equal(DPM("0: 100001Mhz\n", &mhz, why), SYSFS_PARSE_MALFORMED);
	assert_non_null(strstr(why, "above 100 GHz"));
	assert_int_equal(DPM("0: 100000Mhz\n", &mhz, why), SYSFS_PARSE_OK);
	/* binary junk is quoted printably and cut short */
	assert_int_equal(DPM("\x01\x02\xff garbage garbage garbage garbage garbage\n", &mhz, why),
			 SYSFS_PARSE_MALFORMED);
	assert_non_null(strstr(why, "\"??? garbage garbage garbage garb...\""));
}

static void test_text_and_numbers(void **state)
{
	(void)state;
	char out[64], why[SYSFS_WHY_SIZE];
	uint64_t v;
	assert_int_equal(sysfs_parse_text("113-D4121EXT-CO1\n\0\0\0", 20, out, sizeof(out), why), SYSFS_PARSE_OK);
	assert_string_equal(out, "113-D4121EXT-CO1");
	assert_int_equal(sysfs_parse_text("  GAUDI2\r\n", 10, out, sizeof(out), why), SYSFS_PARSE_OK);
	assert_string_equal(out, "GAUDI2");
	assert_int_equal(sysfs_parse_text("\n", 1, out, sizeof(out), why), SYSFS_PARSE_EMPTY);
	assert_string_equal(out, "");
	assert_int_equal(sysfs_parse_text("a\nb\n", 4, out, sizeof(out), why), SYSFS_PARSE_MALFORMED);
	assert_non_null(strstr(why, "more than one line"));
	assert_int_equal(sysfs_parse_text("a\x1b[31mb", 7, out, sizeof(out), why), SYSFS_PARSE_MALFORMED);
	assert_string_equal(why, "control character 0x1b at offset 1");
	/* too long for out: truncated, still terminated */
	assert_int_equal(sysfs_parse_text("abcdefgh", 8, out, 4, why), SYSFS_PARSE_OK);
	assert_string_equal(out, "abc");

	assert_int_equal(sysfs_parse_u64("206158430208\n", 13, &v, why), SYSFS_PARSE_OK);
	assert_true(v == 206158430208ull);
	assert_int_equal(sysfs_parse_u64("18446744073709551615", 20, &v, why), SYSFS_PARSE_OK);
	assert_true(v == UINT64_MAX);
	assert_int_equal(sysfs_parse_u64("18446744073709551616", 20, &v, why), SYSFS_PARSE_MALFORMED);
	assert_string_equal(why, "number too large: \"18446744073709551616\"");
	assert_int_equal(sysfs_parse_u64("0x10", 4, &v, why), SYSFS_PARSE_MALFORMED);
	assert_string_equal(why, "not a number: \"0x10\"");
	assert_int_equal(sysfs_parse_u64("12 34", 5, &v, why), SYSFS_PARSE_MALFORMED);
	assert_int_equal(sysfs_parse_u64("-1", 2, &v, why), SYSFS_PARSE_MALFORMED);
	assert_int_equal(sysfs_parse_u64(" \n", 2, &v, why), SYSFS_PARSE_EMPTY);
}

static void test_kfd_properties(void **state)
{
	(void)state;
	/* an excerpt of a real MI300X node: 1216 SIMDs of 4 per CU, location
	 * 0x4700 (bus 0x47, devfn 0) */
	static const char props[] = "cpu_cores_count 0\nsimd_count 1216\nsimd_per_cu 4\n"
				    "location_id 18176\ndomain 0\nmax_engine_clk_fcompute 2100\n"
				    "hive_id 10631624818852212319\nnum_xcc 8\nmax_engine_clk_ccompute 2400\n";
	char why[SYSFS_WHY_SIZE];
	uint64_t v;
	assert_int_equal(sysfs_kv_u64(props, sizeof(props) - 1, SYSFS_KV_SPACE, "simd_count", &v, why), SYSFS_PARSE_OK);
	assert_int_equal(v, 1216);
	assert_int_equal(sysfs_kv_u64(props, sizeof(props) - 1, SYSFS_KV_SPACE, "location_id", &v, why), SYSFS_PARSE_OK);
	assert_int_equal(v >> 8, 0x47);
	assert_int_equal(sysfs_kv_u64(props, sizeof(props) - 1, SYSFS_KV_SPACE, "hive_id", &v, why), SYSFS_PARSE_OK);
	assert_true(v == 10631624818852212319ull);
	/* keys match whole: "max_engine_clk_f" is no key, and _fcompute is not _ccompute */
	assert_int_equal(sysfs_kv_u64(props, sizeof(props) - 1, SYSFS_KV_SPACE, "max_engine_clk_f", &v, why),
			 SYSFS_PARSE_EMPTY);
	assert_int_equal(sysfs_kv_u64(props, sizeof(props) - 1, SYSFS_KV_SPACE, "max_engine_clk_fcompute", &v, why),
			 SYSFS_PARSE_OK);
	assert_int_equal(v, 2100);
	assert_int_equal(sysfs_kv_u64(props, sizeof(props) - 1, SYSFS_KV_SPACE, "gpu_id", &v, why), SYSFS_PARSE_EMPTY);

	static const char bad[] = "simd_count many\nsimd_per_cu\n";
	assert_int_equal(sysfs_kv_u64(bad, sizeof(bad) - 1, SYSFS_KV_SPACE, "simd_count", &v, why), SYSFS_PARSE_MALFORMED);
	assert_string_equal(why, "simd_count: not a number: \"many\"");
	assert_int_equal(sysfs_kv_u64(bad, sizeof(bad) - 1, SYSFS_KV_SPACE, "simd_per_cu", &v, why), SYSFS_PARSE_MALFORMED);
	assert_string_equal(why, "simd_per_cu has no value");
}

static void test_procfs_key_value(void **state)
{
	(void)state;
	/* the layout of /proc/driver/nvidia/gpus/<slot>/information */
	static const char info[] = "Model: \t\t NVIDIA H100 80GB HBM3\nIRQ:   \t\t 335\n"
				   "Video BIOS: \t 96.00.89.00.01\nBus Location: \t 0000:1b:00.0\n";
	const char *v;
	size_t len;
	assert_true(sysfs_kv_find(info, sizeof(info) - 1, SYSFS_KV_COLON, "Video BIOS", &v, &len));
	assert_int_equal(len, strlen("96.00.89.00.01"));
	assert_memory_equal(v, "96.00.89.00.01", len);
	/* the value is split at the first colon only */
	assert_true(sysfs_kv_find(info, sizeof(info) - 1, SYSFS_KV_COLON, "Bus Location", &v, &len));
	assert_int_equal(len, 12);
	assert_memory_equal(v, "0000:1b:00.0", 12);
	assert_false(sysfs_kv_find(info, sizeof(info) - 1, SYSFS_KV_COLON, "Video", &v, &len));
	assert_false(sysfs_kv_find(info, sizeof(info) - 1, SYSFS_KV_SPACE, "Video BIOS", &v, &len));
	uint64_t irq;
	char why[SYSFS_WHY_SIZE];
	assert_int_equal(sysfs_kv_u64(info, sizeof(info) - 1, SYSFS_KV_COLON, "IRQ", &irq, why), SYSFS_PARSE_OK);
	assert_int_equal(irq, 335);
}

/* --- real captures -------------------------------------------------------- */

static size_t slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return (size_t)-1;
	size_t n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

static bool corpus_present(void)
{
	struct stat st;
	if (stat(CORPUS, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	print_message("%s not found: real-capture checks skipped\n", CORPUS);
	return false;
}

/* The highest clock of each card's pp_dpm_sclk, read off the files by eye:
 *   rx580     "0: 300Mhz" ... "7: 1366Mhz " (level 2 current)      -> 1366
 *   vega56    "0: 852Mhz *" ... "7: 1590Mhz "                      -> 1590
 *   rx6900xt  "0: 500Mhz *", "1: 2660Mhz ", NULs to 4096 bytes     -> 2660
 *   rx6950xt  "0: 0Mhz *", "1: 0Mhz *" (no newline; idle capture)  -> 0
 *   rx7600s   "0: 255Mhz", "1: 0Mhz *", "2: 1841Mhz"               -> 1841
 *   rx7700s   "0: 255Mhz", "1: 0Mhz *", "2: 2208Mhz"               -> 2208
 *   rx7800xt  "0: 500Mhz", "1: 0Mhz *", "2: 2124Mhz"               -> 2124
 *   rx7900xt  "0: 500Mhz", "1: 31Mhz *", "2: 2219Mhz"              -> 2219
 *   rx9070xt  "0: 500Mhz", "1: 0Mhz *", "2: 2520Mhz"               -> 2520
 * (rx7900xtx, rx6700xt, rx6800 and the APUs have only pp_od_clk_voltage.) */
static const struct {
	const char *card;
	uint64_t max_mhz;
} corpus_sclk[] = {
	{ "rx580", 1366 }, { "vega56", 1590 }, { "rx6900xt", 2660 }, { "rx6950xt", 0 },
	{ "rx7600s", 1841 }, { "rx7700s", 2208 }, { "rx7800xt", 2124 }, { "rx7900xt", 2219 },
	{ "rx9070xt", 2520 },
};

static void test_corpus_pp_dpm_sclk(void **state)
{
	(void)state;
	if (!corpus_present())
		skip();
	static char buf[8192];
	char path[512], why[SYSFS_WHY_SIZE];
	unsigned checked = 0;
	for (size_t i = 0; i < sizeof(corpus_sclk) / sizeof(corpus_sclk[0]); i++) {
		snprintf(path, sizeof(path), CORPUS "/%s/pp_dpm_sclk", corpus_sclk[i].card);
		size_t n = slurp(path, buf, sizeof(buf));
		if (n == (size_t)-1) {
			print_message("%s missing from the corpus; not checked\n", path);
			continue;
		}
		uint64_t mhz = 0;
		enum sysfs_parse r = sysfs_parse_dpm_max_mhz(buf, n, &mhz, why);
		if (r != SYSFS_PARSE_OK)
			fail_msg("%s: %s", path, why);
		if (mhz != corpus_sclk[i].max_mhz)
			fail_msg("%s: max %llu MHz, expected %llu", path, (unsigned long long)mhz,
				 (unsigned long long)corpus_sclk[i].max_mhz);
		checked++;
	}
	assert_true(checked > 0);

	/* any capture this table does not know still has to parse */
	DIR *dir = opendir(CORPUS);
	assert_non_null(dir);
	struct dirent *de;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), CORPUS "/%s/pp_dpm_sclk", de->d_name);
		size_t n = slurp(path, buf, sizeof(buf));
		uint64_t mhz;
		if (n != (size_t)-1 && sysfs_parse_dpm_max_mhz(buf, n, &mhz, why) != SYSFS_PARSE_OK)
			fail_msg("%s: %s", path, why);
	}
	closedir(dir);
}

/* rx6900xt's attributes were captured as full NUL-padded pages. */
static void test_corpus_padded_attributes(void **state)
{
	(void)state;
	if (!corpus_present())
		skip();
	static char buf[8192];
	char text[128], why[SYSFS_WHY_SIZE];
	uint64_t v;
	size_t n = slurp(CORPUS "/rx6900xt/vbios_version", buf, sizeof(buf));
	if (n == (size_t)-1)
		skip();
	assert_int_equal(n, 4096);
	assert_int_equal(sysfs_parse_text(buf, n, text, sizeof(text), why), SYSFS_PARSE_OK);
	assert_string_equal(text, "113-D4121EXT-CO1");

	n = slurp(CORPUS "/rx6900xt/mem_info_vram_total", buf, sizeof(buf));
	assert_int_equal(sysfs_parse_u64(buf, n, &v, why), SYSFS_PARSE_OK);
	assert_true(v == 17163091968ull); /* 16 GiB less what firmware reserves */

	n = slurp(CORPUS "/rx6900xt/unique_id", buf, sizeof(buf));
	assert_int_equal(sysfs_parse_text(buf, n, text, sizeof(text), why), SYSFS_PARSE_OK);
	assert_string_equal(text, "946d7e1ef9b172dd");

	/* product_name is a lone newline (padded) on consumer cards: unknown */
	n = slurp(CORPUS "/rx6900xt/product_name", buf, sizeof(buf));
	assert_int_equal(sysfs_parse_text(buf, n, text, sizeof(text), why), SYSFS_PARSE_EMPTY);
	n = slurp(CORPUS "/rx580/product_name", buf, sizeof(buf));
	assert_int_equal(sysfs_parse_text(buf, n, text, sizeof(text), why), SYSFS_PARSE_EMPTY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dpm_max_over_all_lines),
		cmocka_unit_test(test_dpm_rejects),
		cmocka_unit_test(test_text_and_numbers),
		cmocka_unit_test(test_kfd_properties),
		cmocka_unit_test(test_procfs_key_value),
		cmocka_unit_test(test_corpus_pp_dpm_sclk),
		cmocka_unit_test(test_corpus_padded_attributes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
