/* The default drm_ops: the real libdrm and libdrm_amdgpu.
 * SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "probe/drm.h"

static int real_open(const char *path, int flags)
{
	int fd = open(path, flags);
	return fd < 0 ? -errno : fd;
}

static void real_close(int fd)
{
	close(fd);
}

static int real_ioctl(int fd, unsigned long request, void *arg)
{
	/* drmIoctl retries on EINTR and EAGAIN */
	return drmIoctl(fd, request, arg) ? -errno : 0;
}

static void real_amdgpu_deinitialize(amdgpu_device_handle dev)
{
	amdgpu_device_deinitialize(dev);
}

const struct drm_ops drm_ops_libdrm = {
	.get_devices = drmGetDevices2,
	.free_devices = drmFreeDevices,
	.open_node = real_open,
	.close_node = real_close,
	.get_version = drmGetVersion,
	.free_version = drmFreeVersion,
	.ioctl = real_ioctl,
	.amdgpu_initialize = amdgpu_device_initialize,
	.amdgpu_deinitialize = real_amdgpu_deinitialize,
	.amdgpu_query_gpu_info = amdgpu_query_gpu_info,
};
