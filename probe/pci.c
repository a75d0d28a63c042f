/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "probe/pci.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pci/pci.h>

#include "probe/pci_input.h"
#include "probe/pci_link.h"

#define MAX_WARNINGS 8
#define MSG_SIZE 256

static const char SRC_NAMES[] = "libpci:pci.ids";
static const char SRC_DRIVER[] = "sysfs:driver";
static const char SRC_NUMA[] = "sysfs:numa_node";
static const char SRC_LNKSTA[] = "pci-config:PCIe Link Status";
static const char SRC_LNKCAP[] = "pci-config:PCIe Link Capabilities";

/* One scan. libpci reports errors through a callback that must not
 * return, so the callback longjmps to `on_error`, set around each libpci
 * call that may fail; everything the scan allocates hangs off this struct,
 * which lives outside the functions that call setjmp. */
struct pci_session {
	const struct probe_ctx *ctx;
	const struct probe_pci_opts *opts;
	struct pci_access *access;
	bool dump;
	bool live;                       /* the host's own /sys */
	const char *input;               /* dump file or sysfs path, for messages */
	char bus_path[PATH_MAX];         /* <sysfs root>/bus/pci */
	struct probe_list found;         /* moved into the caller's list on success */
	struct tpp_error *err;
	jmp_buf *on_error;
	char error[MSG_SIZE];
	char warnings[MAX_WARNINGS][MSG_SIZE];
	size_t n_warnings, lost_warnings;
	bool names_failed;
	char names_error[MSG_SIZE];
};

/* The callbacks get no context argument; one scan runs per thread at a time. */
static _Thread_local struct pci_session *active;

static void one_line(char *s)
{
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
}

static void on_libpci_error(char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void on_libpci_error(char *fmt, ...)
{
	struct pci_session *s = active;
	/* libpci only calls back from inside a guarded call; anything else is a
	 * bug here, and returning is not allowed. */
	if (!s || !s->on_error)
		abort();
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->error, sizeof(s->error), fmt, ap);
	va_end(ap);
	one_line(s->error);
	longjmp(*s->on_error, 1);
}

static void on_libpci_warning(char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void on_libpci_warning(char *fmt, ...)
{
	struct pci_session *s = active;
	if (!s)
		return;
	char msg[MSG_SIZE];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	one_line(msg);
	for (size_t i = 0; i < s->n_warnings; i++)
		if (strcmp(s->warnings[i], msg) == 0)
			return;
	if (s->n_warnings < MAX_WARNINGS)
		memcpy(s->warnings[s->n_warnings++], msg, sizeof(msg));
	else
		s->lost_warnings++;
}

bool probe_pci_class_listed(unsigned class16)
{
	unsigned base = class16 >> 8;
	return base == 0x03 || base == 0x12 || class16 == 0x0b40;
}

static long read_text_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, size);
	int saved = errno;
	close(fd);
	return n < 0 ? -saved : (long)n;
}

/* ---- names ---------------------------------------------------------- */

/* A pci.ids parse error is fatal to libpci; here it only costs the names,
 * so each lookup gets its own landing point. */
static const char *lookup_name(struct pci_session *s, char *buf, int size, int flags, unsigned vendor,
			       unsigned device)
{
	if (s->names_failed)
		return NULL;
	jmp_buf here;
	jmp_buf *outer = s->on_error;
	const char *volatile name = NULL;
	flags |= PCI_LOOKUP_NO_NUMBERS;
	if (s->opts->no_hwdb)
		flags |= PCI_LOOKUP_NO_HWDB;
	s->on_error = &here;
	if (setjmp(here) == 0) {
		if (flags & PCI_LOOKUP_DEVICE)
			name = pci_lookup_name(s->access, buf, size, flags, vendor, device);
		else
			name = pci_lookup_name(s->access, buf, size, flags, vendor);
	} else {
		s->names_failed = true;
		memcpy(s->names_error, s->error, sizeof(s->error));
	}
	s->on_error = outer;
	return name;
}

static bool set_names(struct pci_session *s, struct probe_device *d)
{
	char buf[256];
	const char *v = lookup_name(s, buf, sizeof(buf), PCI_LOOKUP_VENDOR, d->vendor_id, 0);
	if (v && !probe_set_str(&d->vendor_name, v, SRC_NAMES))
		return false;
	v = lookup_name(s, buf, sizeof(buf), PCI_LOOKUP_DEVICE, d->vendor_id, d->device_id);
	if (v && !probe_set_str(&d->device_name, v, SRC_NAMES))
		return false;
	return true;
}

/* ---- PCIe link ------------------------------------------------------ */

struct link_attr {
	const char *file;
	bool speed;
	struct probe_num *num;
	const char *source;
};

/* 1: sysfs has the link attributes (read, or a note says why not);
 * 0: it has none of them; -1: out of memory. */
static int link_from_sysfs(struct pci_session *s, struct probe_device *d)
{
	const struct link_attr attrs[] = {
		{ "current_link_speed", true, &d->link_speed_gts, "sysfs:current_link_speed" },
		{ "current_link_width", false, &d->link_width, "sysfs:current_link_width" },
		{ "max_link_speed", true, &d->max_link_speed_gts, "sysfs:max_link_speed" },
		{ "max_link_width", false, &d->max_link_width, "sysfs:max_link_width" },
	};
	probe_pci_read_fn read_fn = s->opts->read_text ? s->opts->read_text : read_text_file;
	size_t absent = 0;
	bool unreadable = false;
	char speed_text[32] = "";
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		char path[PATH_MAX + 64], buf[64];
		snprintf(path, sizeof(path), "%s/devices/%s/%s", s->bus_path, d->slot, attrs[i].file);
		long n = read_fn(path, buf, sizeof(buf) - 1);
		if (n >= 0)
			read_log_add(s->ctx->read_log, "sysfs", path, buf, (size_t)n, NULL);
		if (n == -ENOENT) {
			absent++;
			continue;
		}
		if (n < 0) {
			unreadable = true;
			if (!probe_note(d, "pcie_link", "cannot read %s: %s", path, strerror((int)-n)))
				return -1;
			continue;
		}
		double v;
		bool ok = attrs[i].speed ? pci_link_parse_speed(buf, (size_t)n, &v)
					 : pci_link_parse_width(buf, (size_t)n, &v);
		if (ok)
			probe_set_num(attrs[i].num, v, attrs[i].source);
		else if (i == 0) {
			buf[n] = '\0';
			one_line(buf);
			snprintf(speed_text, sizeof(speed_text), "%.31s", buf);
		}
	}
	if (absent == sizeof(attrs) / sizeof(attrs[0]))
		return 0;
	if (!d->link_speed_gts.valid && !unreadable &&
	    !probe_note(d, "pcie_link", "sysfs reports no PCIe link (current_link_speed \"%s\")", speed_text))
		return -1;
	return 1;
}

static unsigned le16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
	return le16(p) | (unsigned long)le16(p + 2) << 16;
}

/* From the PCI Express capability in config space: a dump, or sysfs on a
 * kernel without the link attributes. */
static bool link_from_config(struct pci_session *s, struct probe_device *d, struct pci_dev *p)
{
	struct pci_cap *cap = pci_find_cap(p, PCI_CAP_ID_EXP, PCI_CAP_NORMAL);
	if (!cap) {
		unsigned char b;
		if (pci_read_block(p, 0x40, &b, 1))
			return probe_note(d, "pcie_link", "the device has no PCI Express capability");
		if (s->dump)
			return probe_note(d, "pcie_link", "not in a dump with only 64 bytes of config space "
					  "(lspci -xxx, run as root, saves 256)");
		return probe_note(d, "pcie_link", "no current_link_speed in sysfs, and the PCI Express capability "
				  "is past the 64 bytes of config space readable without root");
	}
	unsigned char r[PCI_EXP_LNKSTA + 2];
	if (!pci_read_block(p, cap->addr, r, sizeof(r)))
		return probe_note(d, "pcie_link", "the PCI Express capability at %#x is cut off", cap->addr);
	if ((le16(r + PCI_EXP_FLAGS) & PCI_EXP_FLAGS_TYPE) >> 4 == PCI_EXP_TYPE_ROOT_INT_EP)
		return probe_note(d, "pcie_link", "integrated in the root complex: no PCIe link");
	unsigned long cap_reg = le32(r + PCI_EXP_LNKCAP);
	unsigned sta = le16(r + PCI_EXP_LNKSTA);
	double max_gts = pci_link_code_gts(cap_reg & PCI_EXP_LNKCAP_SPEED);
	unsigned max_width = (cap_reg & PCI_EXP_LNKCAP_WIDTH) >> 4;
	double gts = pci_link_code_gts(sta & PCI_EXP_LNKSTA_SPEED);
	unsigned width = (sta & PCI_EXP_LNKSTA_WIDTH) >> 4;
	if (max_gts > 0)
		probe_set_num(&d->max_link_speed_gts, max_gts, SRC_LNKCAP);
	if (max_width)
		probe_set_num(&d->max_link_width, max_width, SRC_LNKCAP);
	if (gts > 0 && width) {
		probe_set_num(&d->link_speed_gts, gts, SRC_LNKSTA);
		probe_set_num(&d->link_width, width, SRC_LNKSTA);
		return true;
	}
	return probe_note(d, "pcie_link", "the link is down (Link Status %#06x)", sta);
}

static bool fill_link(struct pci_session *s, struct probe_device *d, struct pci_dev *p)
{
	if (!s->dump) {
		int r = link_from_sysfs(s, d);
		if (r != 0)
			return r > 0;
	}
	return link_from_config(s, d, p);
}

/* ---- one device ----------------------------------------------------- */

static void set_slot(struct probe_device *d, int domain, unsigned bus, unsigned dev, unsigned func)
{
	if (domain >= 0 && domain <= 0xffff)
		probe_format_slot(d->slot, domain, bus, dev, func);
	else   /* VMD domains (10000 and up), printed as the kernel does */
		snprintf(d->slot, sizeof(d->slot), "%05x:%02x:%02x.%x", (unsigned)domain & 0xfffff, bus & 0xff,
			 dev & 0x1f, func & 7);
}

static bool listed(const struct probe_ctx *ctx, const struct pci_dev *p)
{
	if (probe_pci_class_listed(p->device_class))
		return true;
	return ctx->is_known && ctx->is_known(ctx->is_known_arg, p->vendor_id, p->device_id);
}

/* False only on out of memory. */
static bool add_device(struct pci_session *s, struct pci_dev *p)
{
	const unsigned basic = PCI_FILL_IDENT | PCI_FILL_CLASS;
	unsigned known = (unsigned)pci_fill_info(p, basic);
	if ((known & basic) != basic || p->vendor_id == 0xffff || !listed(s->ctx, p))
		return true;
	unsigned want = basic | PCI_FILL_CLASS_EXT | PCI_FILL_SUBSYS;
	if (!s->dump)
		want |= PCI_FILL_DRIVER | PCI_FILL_NUMA_NODE;
	known = (unsigned)pci_fill_info(p, (int)want);

	struct probe_device *d = probe_list_add(&s->found, s->err);
	if (!d)
		return false;
	set_slot(d, p->domain, p->bus, p->dev, p->func);
	d->domain = p->domain;
	d->bus = p->bus;
	d->dev = p->dev;
	d->func = p->func;
	d->vendor_id = p->vendor_id;
	d->device_id = p->device_id;
	d->class_code = (uint32_t)p->device_class << 8;
	if (known & PCI_FILL_CLASS_EXT) {
		d->class_code |= p->prog_if;
		/* Without a sysfs revision file libpci reads config space, and a
		 * failed read gives ff: check that the byte is really there. */
		unsigned char rev;
		d->has_revision = p->rev_id != 0xff || pci_read_block(p, PCI_REVISION_ID, &rev, 1);
		d->revision = d->has_revision ? p->rev_id : 0;
	}
	/* ffff is a failed read, 0000 "no subsystem" */
	if ((known & PCI_FILL_SUBSYS) && p->subsys_vendor_id != 0xffff &&
	    (p->subsys_vendor_id || p->subsys_id)) {
		d->has_subsys = true;
		d->subsys_vendor_id = p->subsys_vendor_id;
		d->subsys_id = p->subsys_id;
	}
	/* pci.ids names are for devices the knowledge base does not name;
	 * skipping them for known parts spares loading the ids file at all. */
	if (!(s->ctx->is_known && s->ctx->is_known(s->ctx->is_known_arg, d->vendor_id, d->device_id)) &&
	    !set_names(s, d))
		goto oom;
	if (known & PCI_FILL_DRIVER) {
		const char *drv = pci_get_string_property(p, PCI_FILL_DRIVER);
		if (drv && !probe_set_str(&d->driver, drv, SRC_DRIVER))
			goto oom;
	}
	if ((known & PCI_FILL_NUMA_NODE) && p->numa_node >= 0)
		probe_set_num(&d->numa_node, p->numa_node, SRC_NUMA);
	if (!fill_link(s, d, p))
		goto oom;
	return true;
oom:
	tpp_error_set(s->err, TPP_EX_OSERR, "out of memory");
	return false;
}

static int scan_guarded(struct pci_session *s)
{
	pci_init(s->access);
	pci_scan_bus(s->access);
	for (struct pci_dev *p = s->access->devices; p; p = p->next)
		if (!add_device(s, p))
			return -2;
	return 0;
}

/* 0, -1 on a libpci error (message in s->error), -2 out of memory. */
static int scan(struct pci_session *s)
{
	jmp_buf here;
	s->on_error = &here;
	if (setjmp(here)) {
		s->on_error = NULL;
		return -1;
	}
	int rc = scan_guarded(s);
	s->on_error = NULL;
	return rc;
}

static bool move_devices(struct probe_list *to, struct probe_list *from)
{
	if (from->n == 0)
		return true;
	struct probe_device *all = realloc(to->dev, (to->n + from->n) * sizeof(*all));
	if (!all)
		return false;
	memcpy(all + to->n, from->dev, from->n * sizeof(*all));
	to->dev = all;
	to->n += from->n;
	free(from->dev);
	from->dev = NULL;
	from->n = 0;
	return true;
}

static bool add_host_notes(struct pci_session *s, struct probe_list *list)
{
	bool ok = true;
	if (s->dump)
		ok &= probe_list_note(list, "pci", "an lspci dump does not record drivers or NUMA nodes");
	if (s->names_failed)
		ok &= probe_list_note(list, "names", "cannot read the PCI ID database: %s", s->names_error);
	for (size_t i = 0; i < s->n_warnings; i++)
		ok &= probe_list_note(list, "libpci", "%s", s->warnings[i]);
	if (s->lost_warnings)
		ok &= probe_list_note(list, "libpci", "%zu more warnings", s->lost_warnings);
	return ok;
}

static int run_session(struct pci_session *s, struct probe_list *list, struct tpp_error *err)
{
	const struct probe_ctx *ctx = s->ctx;
	if (s->dump) {
		if (pci_input_check_dump(ctx->dump_file, ctx->read_log, err) != 0)
			return -1;
	} else {
		const char *root = ctx->sysfs_root ? ctx->sysfs_root
				   : s->opts->host_sysfs_root ? s->opts->host_sysfs_root : "/sys";
		if (!probe_path(s->bus_path, sizeof(s->bus_path), root, "bus/pci")) {
			tpp_error_set(err, TPP_EX_USAGE, "%s: path too long", root);
			return -1;
		}
		int r = pci_input_check_sysfs(s->bus_path, s->live, list, err);
		if (r != 0)
			return r > 0 ? 0 : -1;
	}

	s->access = pci_alloc();
	s->access->error = on_libpci_error;
	s->access->warning = on_libpci_warning;
	if (s->dump) {
		/* Never auto-probe: it would fall back to raw port I/O as root. */
		s->access->method = PCI_ACCESS_DUMP;
		pci_set_param(s->access, "dump.name", (char *)ctx->dump_file);
	} else {
		s->access->method = PCI_ACCESS_SYS_BUS_PCI;
		pci_set_param(s->access, "sysfs.path", s->bus_path);
	}
	if (s->opts->no_hwdb)
		pci_set_param(s->access, "hwdb.disable", "1");
	if (s->opts->ids_file)
		pci_set_name_list_path(s->access, (char *)s->opts->ids_file, 0);

	int rc = scan(s);
	pci_cleanup(s->access);
	s->access = NULL;
	if (rc == -1)
		tpp_error_set(err, s->dump ? TPP_EX_DATAERR : TPP_EX_NOINPUT, "%s: libpci: %s", s->input, s->error);
	if (rc == 0 && (!move_devices(list, &s->found) || !add_host_notes(s, list))) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		rc = -2;
	}
	probe_list_free(&s->found);
	if (rc != 0)
		return -1;
	probe_list_sort(list);
	return 0;
}

int probe_pci_run(const struct probe_ctx *ctx, const struct probe_pci_opts *opts, struct probe_list *list,
		  struct tpp_error *err)
{
	static const struct probe_pci_opts defaults = { 0 };
	struct pci_session *s = calloc(1, sizeof(*s));
	if (!s) {
		tpp_error_set(err, TPP_EX_OSERR, "out of memory");
		return -1;
	}
	s->ctx = ctx;
	s->opts = opts ? opts : &defaults;
	s->dump = ctx->dump_file != NULL;
	s->live = !s->dump && ctx->sysfs_root == NULL;
	s->err = err;
	s->input = s->dump ? ctx->dump_file : s->bus_path;
	struct pci_session *outer = active;
	active = s;
	int rc = run_session(s, list, err);
	active = outer;
	free(s);
	return rc;
}

/* The scan's defaults: names from pci.ids only. udev's hwdb would make the
 * names depend on the host's udev database (and libpci leaks its udev
 * context). */
static int run_backend(const struct probe_ctx *ctx, struct probe_list *list, struct tpp_error *err)
{
	const struct probe_pci_opts opts = { .no_hwdb = true };
	return probe_pci_run(ctx, &opts, list, err);
}

const struct probe_backend probe_pci_backend = { "pci", run_backend };
