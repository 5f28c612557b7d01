/*
 * fault.c - an LD_PRELOAD shim that makes one chosen I/O call fail, for the
 * fault-injection tests (tests/cli/test_faults.sh, docs/faults.md).
 *
 * It wraps the calls through which LMDB reaches the disk: write, pwrite,
 * pwrite64, writev, pwritev, fsync, fdatasync, msync, ftruncate and
 * ftruncate64. Calls on file descriptors whose path (from /proc/self/fd)
 * contains FAULT_PATH_SUBSTR are counted from 1 (every descriptor when the
 * variable is unset or empty; msync has no descriptor and is always counted).
 *
 *   FAULT_AT=N            the Nth counted call fails (0 or unset: none fails)
 *   FAULT_ERRNO=E         ENOSPC (default), EIO, EDQUOT or EROFS
 *   FAULT_STICKY=1        every counted call from the Nth on fails (a disk
 *                         that stays full), not only the Nth
 *   FAULT_SHORT=1         a failing write, pwrite or writev writes the first
 *                         half of its first buffer and returns that count (a
 *                         short write, as a file system that fills up gives)
 *                         instead of -1; other calls fail with FAULT_ERRNO
 *   FAULT_KILL=1          the Nth counted call kills the process with SIGKILL
 *                         before it runs, instead of failing (a crash at that
 *                         point: the calls before it were made, it and those
 *                         after it never are)
 *   FAULT_PATH_SUBSTR=S   count only calls on paths containing S
 *   FAULT_TRACE=FILE      append one line per counted call to FILE:
 *                         "N CALL PATH [failed]"
 *   FAULT_HANG_FLUSH=1    fflush of a stream on a path containing
 *                         FAULT_PATH_SUBSTR (every stream when unset) blocks
 *                         for good (a process stuck writing its output: a
 *                         full pipe whose reader never reads); fflush is
 *                         wrapped for this alone, never counted
 *
 * A failing call does nothing (or writes short) and returns -1 with errno set. The shim never
 * allocates, so it also works inside sanitized binaries (run those with
 * ASAN_OPTIONS=verify_asan_link_order=0).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static unsigned long counter;

/* The real function name, found once. */
#define REAL(name)                                                                     \
	static __typeof__(&name) real_##name;                                          \
	if (!real_##name)                                                              \
		real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

static long env_long(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? strtol(v, NULL, 10) : 0;
}

static int fault_errno(void)
{
	const char *v = getenv("FAULT_ERRNO");
	if (!v || !*v || strcmp(v, "ENOSPC") == 0)
		return ENOSPC;
	if (strcmp(v, "EIO") == 0)
		return EIO;
	if (strcmp(v, "EDQUOT") == 0)
		return EDQUOT;
	if (strcmp(v, "EROFS") == 0)
		return EROFS;
	return ENOSPC;
}

/* The path of fd into buf ("" when unknown). */
static void fd_path(int fd, char *buf, size_t size)
{
	char link[64];
	buf[0] = '\0';
	if (fd < 0)
		return;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
}

static void trace(unsigned long n, const char *call, const char *path, int failed)
{
	const char *file = getenv("FAULT_TRACE");
	if (!file || !*file)
		return;
	char line[4200];
	int len = snprintf(line, sizeof line, "%lu %s %s%s\n", n, call, path,
			   failed ? " failed" : "");
	if (len < 0)
		return;
	if ((size_t)len >= sizeof line)
		len = (int)sizeof line - 1;
	REAL(write);
	/* open(2) is not wrapped; the trace file's own writes are not counted
	 * because they go through real_write directly. */
	int fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return;
	ssize_t w = real_write(fd, line, (size_t)len);
	(void)w;
	close(fd);
}

/*
 * Counts a call on fd (fd < 0: no descriptor) and says whether it must fail;
 * when it must, errno is set.
 */
static int should_fail(int fd, const char *call)
{
	char path[4096];
	const char *want = getenv("FAULT_PATH_SUBSTR");
	fd_path(fd, path, sizeof path);
	if (fd >= 0 && want && *want && !strstr(path, want))
		return 0;
	unsigned long n = __atomic_add_fetch(&counter, 1, __ATOMIC_SEQ_CST);
	long at = env_long("FAULT_AT");
	int fail = at > 0 && (n == (unsigned long)at ||
			      (env_long("FAULT_STICKY") && n > (unsigned long)at));
	trace(n, call, fd >= 0 ? path : "(memory map)", fail);
	if (fail && env_long("FAULT_KILL"))
		kill(getpid(), SIGKILL);
	if (fail)
		errno = fault_errno();
	return fail;
}

/* The bytes a short write of a first buffer of n bytes writes. */
static size_t short_len(size_t n)
{
	return n / 2;
}

static int short_writes(void)
{
	return env_long("FAULT_SHORT") != 0;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(write);
	if (should_fail(fd, "write"))
		return short_writes() ? real_write(fd, buf, short_len(n)) : -1;
	return real_write(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite);
	if (should_fail(fd, "pwrite"))
		return short_writes() ? real_pwrite(fd, buf, short_len(n), off) : -1;
	return real_pwrite(fd, buf, n, off);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off)
{
	REAL(pwrite64);
	if (should_fail(fd, "pwrite64"))
		return short_writes() ? real_pwrite64(fd, buf, short_len(n), off) : -1;
	return real_pwrite64(fd, buf, n, off);
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
	REAL(writev);
	REAL(write);
	if (should_fail(fd, "writev"))
		return short_writes() && n > 0 ? real_write(fd, iov[0].iov_base,
							    short_len(iov[0].iov_len))
					       : -1;
	return real_writev(fd, iov, n);
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t off)
{
	REAL(pwritev);
	REAL(pwrite);
	if (should_fail(fd, "pwritev"))
		return short_writes() && n > 0 ? real_pwrite(fd, iov[0].iov_base,
							     short_len(iov[0].iov_len), off)
					       : -1;
	return real_pwritev(fd, iov, n, off);
}

int fsync(int fd)
{
	REAL(fsync);
	if (should_fail(fd, "fsync"))
		return -1;
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(fdatasync);
	if (should_fail(fd, "fdatasync"))
		return -1;
	return real_fdatasync(fd);
}

int msync(void *addr, size_t len, int flags)
{
	REAL(msync);
	if (should_fail(-1, "msync"))
		return -1;
	return real_msync(addr, len, flags);
}

int ftruncate(int fd, off_t len)
{
	REAL(ftruncate);
	if (should_fail(fd, "ftruncate"))
		return -1;
	return real_ftruncate(fd, len);
}

int ftruncate64(int fd, off_t len)
{
	REAL(ftruncate64);
	if (should_fail(fd, "ftruncate64"))
		return -1;
	return real_ftruncate64(fd, len);
}

int fflush(FILE *stream)
{
	REAL(fflush);
	if (stream && env_long("FAULT_HANG_FLUSH")) {
		char path[4096];
		const char *want = getenv("FAULT_PATH_SUBSTR");
		fd_path(fileno(stream), path, sizeof path);
		while (!want || !*want || strstr(path, want))
			pause();
	}
	return real_fflush(stream);
}
