/* record_env.c - the machine `benchdb record` measures on: CPU, kernel, OS, load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cli.h"

/* The first line of path into buf (size bytes), without its newline; false
 * when it cannot be read or is empty. */
static bool read_first_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	bool got = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (!got)
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf[0] != '\0';
}

/* The value of the first line of path that starts with key (as in
 * /proc/cpuinfo's "model name\t: X" or os-release's PRETTY_NAME="X"), after
 * sep and blanks, without quotes. */
static bool read_keyed_value(const char *path, const char *key, char sep, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char line[512];
	bool found = false;
	while (!found && fgets(line, sizeof line, f)) {
		if (strncmp(line, key, strlen(key)) != 0)
			continue;
		char *v = strchr(line, sep);
		if (!v)
			continue;
		v++;
		v += strspn(v, " \t\"");
		v[strcspn(v, "\"\r\n")] = '\0';
		snprintf(buf, size, "%s", v);
		found = buf[0] != '\0';
	}
	fclose(f);
	return found;
}

void cli_machine_read(cli_machine *m)
{
	memset(m, 0, sizeof *m);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	m->cores = cores > 0 ? (int)cores : 1;
	if (!read_keyed_value("/proc/cpuinfo", "model name", ':', m->cpu_model,
			      sizeof m->cpu_model))
		/* Arm kernels name no model; the hardware line is the next best. */
		(void)read_keyed_value("/proc/cpuinfo", "Hardware", ':', m->cpu_model,
				       sizeof m->cpu_model);
	(void)read_first_line("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", m->governor,
			      sizeof m->governor);
	/* intel_pstate says no_turbo (1: off); acpi-cpufreq says boost (1: on). */
	char flag[16];
	if (read_first_line("/sys/devices/system/cpu/intel_pstate/no_turbo", flag, sizeof flag))
		m->turbo = flag[0] == '0' ? 1 : -1;
	else if (read_first_line("/sys/devices/system/cpu/cpufreq/boost", flag, sizeof flag))
		m->turbo = flag[0] == '1' ? 1 : -1;
	struct utsname u;
	if (uname(&u) == 0) {
		snprintf(m->kernel, sizeof m->kernel, "%s %s", u.sysname, u.release);
		snprintf(m->arch, sizeof m->arch, "%s", u.machine);
	}
	if (!read_keyed_value("/etc/os-release", "PRETTY_NAME=", '=', m->os, sizeof m->os))
		(void)read_keyed_value("/usr/lib/os-release", "PRETTY_NAME=", '=', m->os,
				       sizeof m->os);
	/* A fixed command: nothing of the user's reaches the shell. */
	FILE *p = popen("cc --version 2>/dev/null", "r");
	if (p) {
		if (fgets(m->compiler, sizeof m->compiler, p))
			m->compiler[strcspn(m->compiler, "\r\n")] = '\0';
		char rest[256];
		while (fgets(rest, sizeof rest, p)) /* let cc finish writing */
			;
		if (pclose(p) != 0)
			m->compiler[0] = '\0';
	}
	m->load_before = cli_load_average();
}

double cli_load_average(void)
{
	double load[1];
	return getloadavg(load, 1) == 1 ? load[0] : -1.0;
}

/* Sets key to value in run unless value is empty; BDB_ENOMEM or 0. */
static int set_env(bdb_run *run, const char *key, const char *value)
{
	return value[0] ? bdb_run_set_env(run, key, value) : 0;
}

int cli_machine_to_env(const cli_machine *m, bdb_run *run)
{
	char cores[16], before[32], after[32];
	snprintf(cores, sizeof cores, "%d", m->cores);
	snprintf(before, sizeof before, "%.2f", m->load_before);
	snprintf(after, sizeof after, "%.2f", m->load_after);
	const char *turbo = m->turbo > 0 ? "on" : m->turbo < 0 ? "off" : "";
	const struct {
		const char *key, *value;
	} entries[] = {
	    {"cpu_model", m->cpu_model},
	    {"cpu_cores", cores},
	    {"cpu_governor", m->governor},
	    {"cpu_turbo", turbo},
	    {"kernel", m->kernel},
	    {"arch", m->arch},
	    {"os", m->os},
	    {"compiler", m->compiler},
	    {"load_before", m->load_before >= 0 ? before : ""},
	    {"load_after", m->load_after >= 0 ? after : ""},
	};
	for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		/* What the machine says is stored as text: it must be one line. */
		const char *v = entries[i].value;
		if (bdb_text_fault(v, strlen(v), true, NULL) != strlen(v))
			continue;
		int rc = set_env(run, entries[i].key, v);
		if (rc)
			return rc;
	}
	return 0;
}

void cli_machine_warn(const cli_machine *m, double load)
{
	if (load > (double)m->cores)
		fprintf(stderr,
			"benchdb: warning: record: the load average (%.2f) is above the number "
			"of cores (%d): other work competes with the benchmark\n",
			load, m->cores);
}

void cli_machine_warn_setup(const cli_machine *m)
{
	if (m->governor[0] && strcmp(m->governor, "performance") != 0)
		fprintf(stderr,
			"benchdb: warning: record: the CPU frequency governor is '%s', not "
			"'performance': timings may vary with the clock\n",
			m->governor);
	if (m->turbo > 0)
		fprintf(stderr, "benchdb: warning: record: turbo boost is on: timings may vary "
				"with the temperature\n");
}
