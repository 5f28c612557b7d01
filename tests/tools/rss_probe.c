/*
 * rss_probe.c - a process of a known size, for the max_rss of record
 * (tests/cli/test_record_commands.sh). Built static (no loader, no shared
 * library: see the Makefile), so that its peak resident set is small and
 * the same at every run.
 *
 *   build/tools/rss_probe KIB          touches KIB KiB of memory, exits 0
 *   build/tools/rss_probe launch KIB   runs `rss_probe KIB` with fork and
 *                                      execv from this small process and
 *                                      prints its wait4 ru_maxrss (KiB)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile char block[64 << 20];

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "launch") == 0) {
		char *child[] = {argv[0], argv[2], NULL};
		pid_t pid = fork();
		if (pid == 0) {
			execv("/proc/self/exe", child);
			_exit(127);
		}
		int status;
		struct rusage ru;
		if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || status != 0)
			return 1;
		printf("%ld\n", ru.ru_maxrss);
		return 0;
	}
	long kib = argc == 2 ? atol(argv[1]) : -1;
	if (kib < 0 || kib > (long)(sizeof block >> 10)) {
		fputs("usage: rss_probe KIB | rss_probe launch KIB\n", stderr);
		return 2;
	}
	for (long i = 0; i < kib << 10; i += 4096)
		block[i] = 1;
	return 0;
}
