/* Helpers shared by the DRM backend's per-driver files (drm_*.c), kept
 * apart from the dispatcher (drm.c).
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stdio.h>

#include "probe/drm_internal.h"

void drm_note(struct drm_node *n, const char *what, const char *fmt, ...)
{
	char reason[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (!probe_note(n->d, what, "%s", reason))
		n->oom = true;
}
