/* cmd_record.c - record: run a command several times, measure each run, store one run. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "ingest.h"

static const char record_usage[] =
    "usage: benchdb record [--db DIR] [--name NAME] [--warmup N] [--runs N | --min-time S]\n"
    "                      [--tag K=V]... [--commit SHA|auto] [--branch B|auto]\n"
    "                      [--id ID] [--timestamp T] [--replace] [--no-env] [--shell]\n"
    "                      [--ignore-failure] [--baseline NAME]\n"
    "                      [-P NAME LO HI | -L NAME A,B,C] [--input FILE]\n"
    "                      [--format FMT] [--output FILE] -- CMD [ARGS...]\n"
    "\n"
    "Runs CMD (directly, no shell unless --shell) N times after the warm-up runs,\n"
    "each from a fresh benchdb (--record-run-helper) so that record's memory does\n"
    "not count, measures each run's wall time, user and system CPU time and\n"
    "maximum resident set size, and stores one run: point NAME (default: the\n"
    "command line, each word that a shell would read otherwise in single quotes)\n"
    "with metrics wall, user, sys (seconds) and max_rss (bytes), lower is\n"
    "better, each the mean of its samples, one sample per run. CMD's standard\n"
    "output is discarded (unless --format reads it); its standard error is shown.\n"
    "The machine (CPU, cores, governor, kernel, OS, compiler, load average before\n"
    "and after) is stored as the run's environment.\n"
    "\n"
    "  -n, --name NAME  the point's name (needed when the command line is not\n"
    "                   UTF-8 text or holds a control character)\n"
    "  -w, --warmup N   runs before measuring, discarded (default 0)\n"
    "  -r, --runs N     measured runs (default 10; 1 with --format or --output)\n"
    "  --min-time S     instead of --runs: measure until S seconds of measured runs\n"
    "                   (warm-ups not counted; 3 runs at least, 1000000 at most)\n"
    "  --tag K=V        a tag of every point (repeatable)\n"
    "  --commit, --branch, --id, --no-env   as ingest: the commit and branch\n"
    "                   default to the CI job's (GITHUB_SHA, CI_COMMIT_SHA, ...);\n"
    "                   --commit auto is 'git rev-parse HEAD', --branch auto\n"
    "                   the branch checked out\n"
    "  --timestamp T    the run's time (default: when record started)\n"
    "  --replace        replace a different run stored under the same --id\n"
    "  --baseline NAME  the baseline to judge the wall time against (default\n"
    "                   main, when the store has it and it has the point; mwu\n"
    "                   when both runs have 5 samples or more, else percent)\n"
    "  --shell          run CMD with /bin/sh -c (its words joined by spaces)\n"
    "  -i, --ignore-failure\n"
    "                   keep measuring when CMD exits non-zero\n"
    "  -P NAME LO HI    a sweep: one point per integer LO..HI, {NAME} in CMD\n"
    "                   (and in the point's name) replaced by it, tagged\n"
    "                   NAME=value\n"
    "  -L NAME A,B,C    a sweep over a list of values, likewise\n"
    "  --input FILE     every run's standard input, from its start; - reads\n"
    "                   record's once and gives every run its bytes. Without it,\n"
    "                   a file redirected to record is read by every run from\n"
    "                   where it was; a terminal or a pipe is /dev/null\n"
    "  --format FMT     CMD writes results in format FMT (gbench, ...) to its\n"
    "                   standard output: the last run's are stored, with the\n"
    "                   environment and the timing point added\n"
    "  --output FILE    CMD writes its results to FILE ({out} in CMD is replaced\n"
    "                   by FILE): read after the last run (format: --format or\n"
    "                   detected)\n"
    "-n, -w, -r, -i, -P and -L are hyperfine's short options.\n"
    "\n"
    "A run of CMD that fails stores nothing, and record exits with CMD's status\n"
    "(128 + N for signal N). Ctrl-C stops CMD and every process it started (its\n"
    "process group), stores nothing and exits 130; SIGTERM and SIGHUP likewise\n"
    "(exit 143, 129). SIGKILL cannot be caught: CMD is left running. A\n"
    "terminal shows the progress on standard error. Exit 3 when the run could\n"
    "not be stored.\n";

#define MAX_TAGS      64
#define MIN_TIME_RUNS 3
#define MAX_RUNS      1000000 /* --runs, --warmup, and --min-time's runs at most */

/* The signal that stopped record (SIGINT, or SIGTERM and SIGHUP as a CI
 * runner cancelling the job sends): the measuring stops, the command is
 * stopped with the same signal and nothing is stored. 0 while none came. */
static volatile sig_atomic_t interrupted;

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_STOP_SIGNALS (sizeof stop_signals / sizeof *stop_signals)

static void on_stop_signal(int sig)
{
	interrupted = sig;
}

/* The running command's process group, 0 while none. */
static volatile sig_atomic_t running_group;

/* benchdb's own file, which each run's helper is started from
 * (cmd_record_helper): readlink of /proc/self/exe, which under valgrind
 * names valgrind's tool where the link does not; empty: no helper. */
static char helper_path[4096];

/* Ctrl-Z (SIGTSTP) reaches record alone, the command's group not being the
 * terminal's: the command is stopped with record, and continued with it. */
static void on_terminal_stop(int sig)
{
	(void)sig;
	int saved = errno;
	pid_t group = running_group;
	if (group > 0)
		kill(-group, SIGSTOP);
	kill(getpid(), SIGSTOP);
	/* Continued (fg, bg, SIGCONT): so is the command. */
	if (group > 0)
		kill(-group, SIGCONT);
	errno = saved;
}

/* "interrupted" for Ctrl-C, else the signal's name. */
static const char *stopped_by(void)
{
	return interrupted == SIGTERM  ? "terminated (SIGTERM)"
	       : interrupted == SIGHUP ? "hung up (SIGHUP)"
				       : "interrupted";
}

/* What the command line asks for. */
typedef struct record_opts {
	const char *name;
	long warmup, runs;
	bool runs_given;
	double min_time; /* > 0: --min-time */
	bdb_kv tags[MAX_TAGS];
	char *tag_copies[MAX_TAGS];
	size_t n_tags;
	cli_run_meta meta;
	bool shell, ignore_failure;
	const char *param; /* the sweep's {NAME}, or NULL */
	char **values;	   /* its values (malloc'ed) */
	size_t n_values;
	bool has_format;
	bdb_input_format format;
	const char *output;
	const char *baseline; /* --baseline: the verdict's (default main) */
	bool has_timestamp;   /* --timestamp */
	int64_t timestamp_us;
	unsigned put_flags; /* --replace */
	char **cmd;	    /* CMD ARGS..., argv's */
	int n_cmd;
	bool progress; /* a terminal on stderr */
	off_t stdin_at; /* where a seekable standard input was, or -1 */
	const char *input; /* --input FILE ("-": standard input) */
	int input_fd;	   /* every run's standard input (open_input), or -1 */
	off_t input_at;	   /* where each run reads input_fd from */
} record_opts;

/*
 * Memory that the command's processes do not inherit (MADV_DONTFORK), for
 * what grows while record measures: the samples and the captured output. A
 * forked child's peak RSS starts at its parent's, and wait4's ru_maxrss
 * keeps it across exec: record's 32 bytes of samples a run made the max_rss
 * of `true` grow from 1.2 to 1.6 MiB over 5000 runs, and --format's 50 MB
 * of output from one run counted in the next run's max_rss.
 */

/* A region of bytes (zeroed, unforked); NULL when out of memory. */
static void *unforked_alloc(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	madvise(p, bytes, MADV_DONTFORK);
	return p;
}

static void unforked_free(void *p, size_t bytes)
{
	if (p)
		munmap(p, bytes);
}

/* The command's standard output, in unforked memory. */
typedef struct captured {
	char *data;
	size_t len, cap;
} captured;

/* One point's measurements: the samples of each metric, one per run. */
typedef struct measured {
	double *wall, *user, *sys, *rss; /* in one unforked block of 4 x cap */
	size_t n, cap;
	size_t failures; /* runs that exited non-zero (--ignore-failure) */
} measured;

static void measured_free(measured *m)
{
	unforked_free(m->wall, 4 * m->cap * sizeof(double));
	memset(m, 0, sizeof *m);
}

static int measured_add(measured *m, double wall, double user, double sys, double rss)
{
	if (m->n == m->cap) {
		/* A page at first: 128 samples of each. */
		size_t cap = m->cap ? 2 * m->cap : 128;
		double *block = unforked_alloc(4 * cap * sizeof(double));
		if (!block)
			return BDB_ENOMEM;
		double *arrays[4] = {m->wall, m->user, m->sys, m->rss};
		for (int a = 0; a < 4 && m->n; a++)
			memcpy(block + (size_t)a * cap, arrays[a], m->n * sizeof(double));
		unforked_free(m->wall, 4 * m->cap * sizeof(double));
		m->wall = block;
		m->user = block + cap;
		m->sys = block + 2 * cap;
		m->rss = block + 3 * cap;
		m->cap = cap;
	}
	m->wall[m->n] = wall;
	m->user[m->n] = user;
	m->sys[m->n] = sys;
	m->rss[m->n] = rss;
	m->n++;
	return 0;
}

static double mean_of(const double *x, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += x[i];
	return n ? sum / (double)n : 0;
}

/* The sample standard deviation (0 for one sample). */
static double stddev_of(const double *x, size_t n)
{
	if (n < 2)
		return 0;
	double mean = mean_of(x, n), sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (x[i] - mean) * (x[i] - mean);
	return sqrt(sum / (double)(n - 1));
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static double timeval_seconds(const struct timeval *t)
{
	return (double)t->tv_sec + (double)t->tv_usec / 1e6;
}

/* ------------------------------------------------------------------------ */
/* Running the command                                                       */
/* ------------------------------------------------------------------------ */

/* How one run of the command ended. */
typedef enum run_end {
	RUN_DONE,	 /* it exited (status in *status) */
	RUN_INTERRUPTED, /* our SIGINT (SIGTERM, SIGHUP) stopped it */
	RUN_NOT_STARTED	 /* fork or exec failed (*err) */
} run_end;

/* pipe(2) with both ends closed at exec. */
int cli_pipe_cloexec(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

/* What one run's helper (cmd_record_helper) reports through the report
 * pipe: how the command ended, and its measures. */
typedef struct run_report {
	int end; /* RUN_DONE (value: the wait status) or RUN_NOT_STARTED (errno) */
	int value;
	double wall;	     /* from before fork to after wait4 */
	struct rusage usage; /* wait4's */
} run_report;

extern char **environ;

/* The file execvp would run for name: name when it has a '/', else the
 * first executable PATH/name (malloc'ed); NULL when none is. */
static char *find_program(const char *name)
{
	if (strchr(name, '/'))
		return strdup(name);
	const char *dirs = getenv("PATH");
	if (!dirs)
		dirs = "/bin:/usr/bin";
	for (;;) {
		size_t len = strcspn(dirs, ":");
		char *path = malloc(len + strlen(name) + 3);
		if (!path)
			return NULL;
		/* An empty entry is the current directory. */
		snprintf(path, len + strlen(name) + 3, "%.*s%s%s", (int)len, len ? dirs : ".", "/",
			 name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0)
			return path;
		free(path);
		if (!dirs[len])
			return NULL;
		dirs += len + 1;
	}
}

/*
 * record's helper, `benchdb --record-run-helper FD CMD...`: a fresh process
 * (as small as benchdb starts) that forks and execs CMD, waits for it and
 * reports a run_report to FD. A process forked from record starts with
 * record's memory mapped, and wait4's ru_maxrss keeps that peak across
 * exec: a command smaller than record's copy (about 1 MiB) measured record.
 */
int cmd_record_helper(int argc, char **argv)
{
	if (argc < 4)
		return EXIT_USAGE;
	int report = atoi(argv[2]);
	fcntl(report, F_SETFD, FD_CLOEXEC);
	run_report r;
	memset(&r, 0, sizeof r);
	r.end = RUN_NOT_STARTED;
	int errs[2];
	struct timespec t0, t1;
	pid_t pid = -1;
	/* The program found on PATH now: execvp's search in the child made its
	 * copy touch more pages (about 150 KiB) before exec. */
	char *path = find_program(argv[3]);
	if (cli_pipe_cloexec(errs) == 0) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pid = fork();
		if (pid == 0) {
			if (path)
				execve(path, argv + 3, environ);
			/* None, or it failed: execvp says why (or runs a script
			 * without #! with /bin/sh, as execvp does). */
			execvp(argv[3], argv + 3);
			int e = errno;
			ssize_t w = write(errs[1], &e, sizeof e);
			(void)w;
			_exit(127);
		}
		r.value = errno;
		close(errs[1]);
	} else {
		r.value = errno;
	}
	if (pid > 0) {
		/* The pipe closes at exec; an errno in it is exec's failure. */
		int exec_errno = 0;
		ssize_t got;
		while ((got = read(errs[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
			;
		int status = 0;
		while (wait4(pid, &status, 0, &r.usage) < 0 && errno == EINTR)
			;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		r.wall = seconds_between(&t0, &t1);
		r.end = got == (ssize_t)sizeof exec_errno ? RUN_NOT_STARTED : RUN_DONE;
		r.value = r.end == RUN_DONE ? status : exec_errno;
		close(errs[0]);
	}
	free(path);
	ssize_t w = write(report, &r, sizeof r);
	_exit(w == (ssize_t)sizeof r ? 0 : 1);
}

/* The child's side: its own process group (so that stopping it reaches
 * every process it starts), stdin from stdin_fd (open_input; -1: record's),
 * stdout to /dev/null or to the capture pipe, then exec of the helper that
 * runs argv (cmd_record_helper) with report_fd. Where the helper cannot
 * run (no /proc), argv itself; an exec failure is reported through
 * report_fd. */
static void exec_child(char **argv, int stdin_fd, int stdout_fd, int report_fd)
{
	setpgid(0, 0);
	if (stdin_fd >= 0)
		dup2(stdin_fd, STDIN_FILENO);
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	for (size_t i = 0; i < N_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &dfl, NULL);
	sigaction(SIGTSTP, &dfl, NULL);
	/* A background group that reads the terminal (/dev/tty), writes to it
	 * under `stty tostop` or sets its modes is stopped, and record would
	 * wait for ever: ignored, these signals make the read fail (EIO) and
	 * let the rest proceed, in every process the command starts. */
	struct sigaction ign = dfl;
	ign.sa_handler = SIG_IGN;
	sigaction(SIGTTIN, &ign, NULL);
	sigaction(SIGTTOU, &ign, NULL);
	if (stdout_fd >= 0) {
		dup2(stdout_fd, STDOUT_FILENO);
		close(stdout_fd);
	} else {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			close(null);
		}
	}
	int n = 0;
	while (argv[n])
		n++;
	char fd_text[16];
	snprintf(fd_text, sizeof fd_text, "%d", report_fd);
	char **helper = helper_path[0] ? calloc((size_t)n + 4, sizeof *helper) : NULL;
	if (helper) {
		helper[0] = "benchdb";
		helper[1] = RECORD_HELPER_ARG;
		helper[2] = fd_text;
		memcpy(helper + 3, argv, (size_t)n * sizeof *argv);
		fcntl(report_fd, F_SETFD, 0);
		execv(helper_path, helper);
		fcntl(report_fd, F_SETFD, FD_CLOEXEC);
	}
	/* No helper: the command's max_rss is at least record's forked copy. */
	execvp(argv[0], argv);
	run_report r;
	memset(&r, 0, sizeof r);
	r.end = RUN_NOT_STARTED;
	r.value = errno;
	ssize_t w = write(report_fd, &r, sizeof r);
	(void)w;
	_exit(127);
}

/* Stops the child's process group (the child and every process it
 * started) after our SIGINT (SIGTERM, SIGHUP): the same signal, then
 * SIGKILL when the group has not ended within two seconds. Reaps the
 * child; returns once the group is gone (at most a second after SIGKILL). */
static void stop_child(pid_t pid)
{
	kill(-pid, interrupted ? interrupted : SIGINT);
	bool reaped = false;
	for (int i = 0; i < 200; i++) {
		reaped = reaped || waitpid(pid, NULL, WNOHANG) == pid;
		/* Once the child is reaped, the group is empty when no
		 * process of it is left to signal. */
		if (reaped && kill(-pid, 0) != 0 && errno == ESRCH)
			return;
		struct timespec tick = {0, 10 * 1000 * 1000};
		nanosleep(&tick, NULL);
	}
	kill(-pid, SIGKILL);
	while (!reaped && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	/* kill(2) returns before SIGKILL is acted on: a process of the group
	 * may still be running when record exits (seen in CI). Wait until
	 * the group is gone, for at most one more second (an orphan killed
	 * stays a zombie in the group until init reaps it). */
	for (int i = 0; i < 100 && !(kill(-pid, 0) != 0 && errno == ESRCH); i++) {
		struct timespec tick = {0, 10 * 1000 * 1000};
		nanosleep(&tick, NULL);
	}
}

/* The write end of the pipe that SIGCHLD wakes the capture loop through
 * (-1 while none): a process the command left behind (a daemon) keeps the
 * output pipe open, so its end is no sign that the command exited. */
static volatile sig_atomic_t child_exit_fd = -1;

static void on_child_exit(int sig)
{
	(void)sig;
	int saved = errno;
	if (child_exit_fd >= 0) {
		ssize_t w = write(child_exit_fd, "", 1);
		(void)w;
	}
	errno = saved;
}

/* Makes the pipe wake (both ends non-blocking, closed at exec) that
 * SIGCHLD writes a byte to; *old gets SIGCHLD's action. 0 or -1 (errno). */
static int begin_child_watch(int wake[2], struct sigaction *old)
{
	if (cli_pipe_cloexec(wake) != 0)
		return -1;
	fcntl(wake[0], F_SETFL, O_NONBLOCK);
	fcntl(wake[1], F_SETFL, O_NONBLOCK);
	child_exit_fd = wake[1];
	struct sigaction on_chld;
	memset(&on_chld, 0, sizeof on_chld);
	on_chld.sa_handler = on_child_exit;
	on_chld.sa_flags = SA_NOCLDSTOP | SA_RESTART;
	sigemptyset(&on_chld.sa_mask);
	sigaction(SIGCHLD, &on_chld, old);
	return 0;
}

static void end_child_watch(int wake[2], const struct sigaction *old)
{
	sigaction(SIGCHLD, old, NULL);
	child_exit_fd = -1;
	close(wake[0]);
	close(wake[1]);
}

/* Whether child pid has ended (not reaped: wait4 still gets its usage). */
static bool child_ended(pid_t pid)
{
	siginfo_t info;
	memset(&info, 0, sizeof info);
	return waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
	       info.si_pid == pid;
}

/* Appends n bytes of chunk to capture: past the input limit one byte is
 * enough for the adapter to refuse it; the rest is dropped. */
static void capture_append(captured *capture, const char *chunk, size_t n)
{
	size_t room =
	    capture->len <= BDB_INGEST_MAX_INPUT ? BDB_INGEST_MAX_INPUT + 1 - capture->len : 0;
	n = n < room ? n : room;
	if (capture->len + n > capture->cap) {
		size_t cap = capture->cap ? capture->cap : 65536;
		while (cap < capture->len + n)
			cap *= 2;
		char *grown = unforked_alloc(cap);
		if (!grown)
			return; /* cut short: the adapter refuses what is left */
		if (capture->len)
			memcpy(grown, capture->data, capture->len);
		unforked_free(capture->data, capture->cap);
		capture->data = grown;
		capture->cap = cap;
	}
	memcpy(capture->data + capture->len, chunk, n);
	capture->len += n;
}

/*
 * Reads the command's standard output (fd) into capture until its end, or
 * until the command (pid) has ended and what it wrote is read: processes it
 * left behind may hold the pipe open for ever. wake is the read end of the
 * SIGCHLD pipe. Returns true when our SIGINT (SIGTERM, SIGHUP) stopped the
 * command (reaped then), false otherwise (not reaped).
 */
static bool read_output(pid_t pid, int fd, int wake, captured *capture)
{
	char chunk[65536];
	struct pollfd fds[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
	for (;;) {
		if (interrupted) {
			stop_child(pid);
			return true;
		}
		if (poll(fds, 2, -1) < 0) {
			if (errno != EINTR)
				return false;
			continue; /* our SIGINT is seen above */
		}
		if (fds[1].revents) {
			while (read(wake, chunk, sizeof chunk) > 0)
				;
			if (child_ended(pid)) {
				/* What it wrote is in the pipe: read it without
				 * waiting for writers left behind. */
				fcntl(fd, F_SETFL, O_NONBLOCK);
				ssize_t n;
				while ((n = read(fd, chunk, sizeof chunk)) > 0 ||
				       (n < 0 && errno == EINTR))
					if (n > 0)
						capture_append(capture, chunk, (size_t)n);
				return false;
			}
		}
		if (fds[0].revents) {
			ssize_t n = read(fd, chunk, sizeof chunk);
			if (n > 0)
				capture_append(capture, chunk, (size_t)n);
			else if (n == 0 || errno != EINTR)
				return false;
		}
	}
}

/*
 * Runs argv once and measures it: *wall from before fork to after wait4,
 * *usage from wait4, as the helper reports them (record's own when there
 * is no helper). With capture (may be NULL), the command's standard
 * output is appended to it. Returns how the run ended; *status is the
 * wait status (RUN_DONE), *err the errno (RUN_NOT_STARTED).
 */
static run_end run_once(char **argv, int stdin_fd, captured *capture, double *wall,
			struct rusage *usage, int *status, int *err)
{
	int report[2], out[2] = {-1, -1};
	if (cli_pipe_cloexec(report) != 0) {
		*err = errno;
		return RUN_NOT_STARTED;
	}
	if (capture && cli_pipe_cloexec(out) != 0) {
		*err = errno;
		close(report[0]);
		close(report[1]);
		return RUN_NOT_STARTED;
	}
	int wake[2] = {-1, -1};
	struct sigaction old_chld;
	if (capture && begin_child_watch(wake, &old_chld) != 0) {
		*err = errno;
		close(report[0]);
		close(report[1]);
		close(out[0]);
		close(out[1]);
		return RUN_NOT_STARTED;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid == 0) {
		close(report[0]);
		if (capture)
			close(out[0]);
		exec_child(argv, stdin_fd, capture ? out[1] : -1, report[1]);
	}
	/* Both sides set the group: signals may come before the child runs. */
	if (pid > 0) {
		setpgid(pid, pid);
		running_group = pid;
	}
	close(report[1]);
	if (capture)
		close(out[1]);
	if (pid < 0) {
		*err = errno;
		close(report[0]);
		if (capture) {
			close(out[0]);
			end_child_watch(wake, &old_chld);
		}
		return RUN_NOT_STARTED;
	}
	bool stopped = false;
	if (capture) {
		stopped = read_output(pid, out[0], wake[0], capture);
		close(out[0]);
		end_child_watch(wake, &old_chld);
	}
	pid_t w = stopped ? pid : -1;
	while (!stopped && (w = wait4(pid, status, 0, usage)) < 0 && errno == EINTR) {
		if (interrupted) {
			stop_child(pid);
			stopped = true;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	int wait_errno = errno;
	running_group = 0;
	*wall = seconds_between(&t0, &t1);
	/* The helper has ended: its report is in the pipe, or none (the
	 * command was run without it, or it was stopped). */
	run_report r;
	ssize_t got = 0;
	while (!stopped && (got = read(report[0], &r, sizeof r)) < 0 && errno == EINTR)
		;
	close(report[0]);
	if (got == (ssize_t)sizeof r && r.end == RUN_NOT_STARTED) {
		*err = r.value;
		return RUN_NOT_STARTED;
	}
	if (stopped || interrupted)
		return RUN_INTERRUPTED;
	if (w != pid) {
		*err = wait_errno;
		return RUN_NOT_STARTED;
	}
	if (got == (ssize_t)sizeof r) {
		*status = r.value;
		*wall = r.wall;
		*usage = r.usage;
	}
	/* A command that died of SIGINT while record got none (its group is
	 * not the terminal's: Ctrl-C reaches record) failed as with any other
	 * signal: a Python program's KeyboardInterrupt, `kill -INT $$`. */
	return RUN_DONE;
}

/* ------------------------------------------------------------------------ */
/* Output                                                                    */
/* ------------------------------------------------------------------------ */

/* The unit hyperfine would show a time of this size in, and its factor. */
static const char *time_unit(double seconds, double *factor)
{
	if (seconds < 1e-3) {
		*factor = 1e6;
		return "µs";
	}
	if (seconds < 1) {
		*factor = 1e3;
		return "ms";
	}
	*factor = 1;
	return "s";
}

static void format_bytes(double bytes, char *buf, size_t size)
{
	static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
	int u = 0;
	while (bytes >= 1024 && u < 4) {
		bytes /= 1024;
		u++;
	}
	snprintf(buf, size, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

/* "run 3/10 (warm-up 1/2), 10.2 ms ± 0.1 ms, ETA 1s" on stderr, over itself. */
static void show_progress(const record_opts *o, const measured *m, long warmup_done,
			  long runs_planned, double elapsed)
{
	char line[200];
	if (warmup_done < o->warmup) {
		snprintf(line, sizeof line, "warm-up %ld/%ld", warmup_done + 1, o->warmup);
	} else if (o->min_time > 0) {
		snprintf(line, sizeof line, "run %zu (%.1f of %.1f s)", m->n + 1, elapsed,
			 o->min_time);
	} else {
		snprintf(line, sizeof line, "run %zu/%ld", m->n + 1, runs_planned);
	}
	if (m->n) {
		double factor, mean = mean_of(m->wall, m->n);
		const char *unit = time_unit(mean, &factor);
		size_t len = strlen(line);
		if (m->n > 1)
			snprintf(line + len, sizeof line - len, ", %.1f %s ± %.1f %s", mean * factor,
				 unit, stddev_of(m->wall, m->n) * factor, unit);
		else
			snprintf(line + len, sizeof line - len, ", %.1f %s", mean * factor, unit);
		if (o->min_time <= 0) {
			len = strlen(line);
			snprintf(line + len, sizeof line - len, ", ETA %.0fs",
				 mean * (double)(runs_planned - (long)m->n));
		}
	}
	cli_progress(line);
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median of x[0..n) (n > 0), sorting a copy; NAN when out of memory. */
static double median_of(const double *x, size_t n)
{
	double *sorted = malloc(n * sizeof *sorted);
	if (!sorted)
		return NAN;
	memcpy(sorted, x, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, compare_doubles);
	double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	free(sorted);
	return median;
}

/* A wall time this far above the median, in robust standard deviations
 * (1.4826 MAD), is an outlier: hyperfine's modified Z-score and threshold. */
#define OUTLIER_Z 14.0

/*
 * Warns, as hyperfine does, when the first runs were outliers above the
 * others (caches filled by them: suggests --warmup N, the warm-up runs
 * given and those), and when there were
 * other outliers (another program interfered).
 */
/* The quote that a message puts around a point's name: none when the name
 * has quotes of its own (a command line as a shell would be given it, `sh -c
 * 'exit 3'`), where more would make it unreadable. */
static const char *quote_for(const char *title)
{
	return strpbrk(title, "'\"") ? "" : "'";
}

static void warn_outliers(const char *title, const measured *m, long warmup)
{
	if (m->n < 3)
		return;
	double *deviation = malloc(m->n * sizeof *deviation);
	if (!deviation)
		return;
	double median = median_of(m->wall, m->n);
	for (size_t i = 0; i < m->n; i++)
		deviation[i] = fabs(m->wall[i] - median);
	double spread = 1.4826 * median_of(deviation, m->n);
	free(deviation);
	if (!(spread > 0))
		return;
	size_t slow_first = 0, outliers = 0;
	/* A leading run counts as a warm-up the user missed when it is an
	 * outlier and clearly slower too (half again the median): a tiny spread
	 * makes a run 20 % slower an outlier, not one that filled a cache. */
	while (slow_first < m->n / 2 && (m->wall[slow_first] - median) / spread > OUTLIER_Z &&
	       m->wall[slow_first] > 1.5 * median)
		slow_first++;
	for (size_t i = slow_first; i < m->n; i++)
		outliers += fabs(m->wall[i] - median) / spread > OUTLIER_Z;
	if (slow_first)
		fprintf(stderr,
			"benchdb: warning: record: %s%s%s: the first %zu run%s %s much slower than "
			"the rest (caches filled by %s?): consider --warmup %ld\n",
			quote_for(title), title, quote_for(title), slow_first,
			slow_first == 1 ? "" : "s", slow_first == 1 ? "was" : "were",
			slow_first == 1 ? "it" : "them", warmup + (long)slow_first);
	if (outliers)
		fprintf(
		    stderr,
		    "benchdb: warning: record: %s%s%s: %zu of %zu runs were statistical outliers: "
		    "consider measuring again on a quiet system\n",
		    quote_for(title), title, quote_for(title), outliers, m->n);
}

/* hyperfine's statistics of one point, on stdout. */
static void print_statistics(const char *title, const measured *m)
{
	double factor, mean = mean_of(m->wall, m->n);
	const char *unit = time_unit(mean, &factor);
	double min = m->wall[0], max = m->wall[0];
	for (size_t i = 1; i < m->n; i++) {
		min = m->wall[i] < min ? m->wall[i] : min;
		max = m->wall[i] > max ? m->wall[i] : max;
	}
	double user_factor, sys_factor, user = mean_of(m->user, m->n), sys = mean_of(m->sys, m->n);
	const char *user_unit = time_unit(user, &user_factor),
		   *sys_unit = time_unit(sys, &sys_factor);
	char rss[32];
	format_bytes(mean_of(m->rss, m->n), rss, sizeof rss);
	printf("Benchmark: %s\n", title);
	if (m->n == 1) {
		/* One sample has no standard deviation (n - 1 = 0) and no range:
		 * "± 0.0 ms" claimed a spread of none. hyperfine's line for it. */
		printf("  Time (abs ≡):       %8.1f %s                [User: %.1f %s, System: %.1f "
		       "%s]    1 run%s\n",
		       mean * factor, unit, user * user_factor, user_unit, sys * sys_factor,
		       sys_unit, m->failures ? " (1 failed)" : "");
	} else {
		printf("  Time (mean ± σ):    %8.1f %s ± %6.1f %s    [User: %.1f %s, System: %.1f "
		       "%s]\n",
		       mean * factor, unit, stddev_of(m->wall, m->n) * factor, unit,
		       user * user_factor, user_unit, sys * sys_factor, sys_unit);
		printf("  Range (min … max):  %8.1f %s … %6.1f %s    %zu runs", min * factor, unit,
		       max * factor, unit, m->n);
		if (m->failures)
			printf(" (%zu failed)", m->failures);
		putchar('\n');
	}
	printf("  Max RSS (mean):     %8s\n\n", rss);
}

/* ------------------------------------------------------------------------ */
/* Building the run                                                          */
/* ------------------------------------------------------------------------ */

/* Adds metric name (unit, lower is better, defined in the run) with the
 * samples x[0..n) and their mean as its value. */
static int add_sampled_metric(bdb_run *run, bdb_point *p, const char *name, const char *unit,
			      const double *x, size_t n)
{
	bdb_metric_def *def;
	bdb_metric *m;
	int rc = bdb_run_add_def(run, name, &def);
	if (rc)
		return rc;
	def->unit = bdb_run_strdup(run, unit);
	def->direction = BDB_LOWER;
	if (!def->unit)
		return BDB_ENOMEM;
	rc = bdb_point_add_metric(run, p, name, mean_of(x, n), &m);
	if (!rc)
		rc = bdb_metric_set_unit(run, m, unit);
	if (!rc)
		rc = bdb_metric_set_samples(run, m, x, n);
	return rc;
}

/* Adds the point of one measured command: name, the --tag tags and the
 * sweep's tag (param = value, when param), wall, user, sys and max_rss. */
static int add_timing_point(bdb_run *run, const record_opts *o, const char *name, const char *value,
			    const measured *m)
{
	bdb_point *p;
	int rc = bdb_run_add_point(run, name, &p);
	for (size_t t = 0; !rc && t < o->n_tags; t++)
		rc = bdb_point_set_tag(run, p, o->tags[t].key, o->tags[t].value);
	if (!rc && o->param)
		rc = bdb_point_set_tag(run, p, o->param, value);
	if (!rc)
		rc = add_sampled_metric(run, p, "wall", "s", m->wall, m->n);
	if (!rc)
		rc = add_sampled_metric(run, p, "user", "s", m->user, m->n);
	if (!rc)
		rc = add_sampled_metric(run, p, "sys", "s", m->sys, m->n);
	if (!rc)
		rc = add_sampled_metric(run, p, "max_rss", "B", m->rss, m->n);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* The command line                                                          */
/* ------------------------------------------------------------------------ */

/* word with every "{key}" replaced by value (malloc'ed; NULL on ENOMEM). */
static char *substitute(const char *word, const char *key, const char *value)
{
	char pattern[128];
	snprintf(pattern, sizeof pattern, "{%s}", key);
	bdb_buf b;
	bdb_buf_init(&b);
	const char *at;
	while ((at = strstr(word, pattern)) != NULL) {
		bdb_buf_append(&b, word, (size_t)(at - word));
		bdb_buf_puts(&b, value);
		word = at + strlen(pattern);
	}
	bdb_buf_puts(&b, word);
	char *s = b.failed ? NULL : strdup(bdb_buf_cstr(&b));
	bdb_buf_free(&b);
	return s;
}

/* Whether a POSIX shell reads word as it is, as one word: letters, digits,
 * the bytes of UTF-8 and %+,-./:@_, and = but in the command's name (where
 * NAME=value is an assignment). */
static bool shell_plain(const char *word, bool first)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789%+,-./:@_";
	if (!*word)
		return false;
	for (const unsigned char *c = (const unsigned char *)word; *c; c++)
		if (*c < 0x80 && !strchr(plain, *c) && (*c != '=' || first))
			return false;
	return true;
}

/* words[0..n) joined by spaces (malloc'ed; NULL on ENOMEM). With quote,
 * the command line as a user retypes it in a shell, the way hyperfine
 * shows a command: each word that a shell would read otherwise (a blank,
 * a quote, $, *, {, an empty word) in single quotes, so that two commands
 * that differ have different lines (`printf %s 'a b'`, `printf %s a b`). */
static char *join_words(char **words, int n, bool quote)
{
	bdb_buf b;
	bdb_buf_init(&b);
	for (int i = 0; i < n; i++) {
		if (i)
			bdb_buf_putc(&b, ' ');
		if (!quote || shell_plain(words[i], i == 0))
			bdb_buf_puts(&b, words[i]);
		else
			bdb_buf_put_shell_quoted(&b, words[i]);
	}
	char *s = b.failed ? NULL : strdup(bdb_buf_cstr(&b));
	bdb_buf_free(&b);
	return s;
}

static void free_words(char **words)
{
	if (!words)
		return;
	for (char **w = words; *w; w++)
		free(*w);
	free(words);
}

/* o->cmd with {param} replaced by value (a sweep's; may be NULL) and, with
 * out, {out} by --output's FILE. NULL-terminated, malloc'ed (free_words);
 * NULL on ENOMEM. */
static char **words_for(const record_opts *o, const char *value, bool out)
{
	char **words = calloc((size_t)o->n_cmd + 1, sizeof *words);
	bool ok = words != NULL;
	for (int i = 0; ok && i < o->n_cmd; i++) {
		char *w = strdup(o->cmd[i]);
		if (w && o->param) {
			char *s = substitute(w, o->param, value);
			free(w);
			w = s;
		}
		if (w && out && o->output) {
			char *s = substitute(w, "out", o->output);
			free(w);
			w = s;
		}
		words[i] = w;
		ok = w != NULL;
	}
	if (!ok) {
		free_words(words);
		return NULL;
	}
	return words;
}

/* The argv to run for sweep value (may be NULL): o->cmd with {param} and
 * {out} replaced, or /bin/sh -c with them joined (--shell). NULL-terminated,
 * malloc'ed (free_words); NULL on ENOMEM. */
static char **command_for(const record_opts *o, const char *value)
{
	char **words = words_for(o, value, true);
	if (!words || !o->shell)
		return words;
	char **argv = calloc(4, sizeof *argv);
	if (argv) {
		argv[0] = strdup("/bin/sh");
		argv[1] = strdup("-c");
		argv[2] = join_words(words, o->n_cmd, false);
	}
	free_words(words);
	if (argv && !(argv[0] && argv[1] && argv[2])) {
		free_words(argv);
		argv = NULL;
	}
	return argv;
}

/* The name of the point of sweep value (may be NULL), malloc'ed (NULL on
 * ENOMEM): --name, else the command line as retyped (join_words; the line
 * sh -c runs with --shell), with {param} replaced by value as hyperfine
 * names a sweep's commands (`sleep 0.01`), {out} kept. */
static char *point_name(const record_opts *o, const char *value)
{
	if (o->name)
		return o->param ? substitute(o->name, o->param, value) : strdup(o->name);
	char **words = words_for(o, value, false);
	char *line = words ? join_words(words, o->n_cmd, !o->shell) : NULL;
	free_words(words);
	return line;
}

/* Parses a count option's value into *out (>= min). */
static bool parse_count(const char *option, const char *v, long min, long *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < min || n > MAX_RUNS) {
		cli_error("record: %s: expected a whole number from %ld to %d, got '%s'", option,
			  min, MAX_RUNS, v);
		return false;
	}
	*out = n;
	return true;
}

/* Adds value (copied) to the sweep's values. */
static int add_value(record_opts *o, const char *value, size_t len)
{
	char **grown = realloc(o->values, (o->n_values + 1) * sizeof *grown);
	if (!grown)
		return EXIT_INPUT;
	o->values = grown;
	char *copy = strndup(value, len);
	if (!copy)
		return EXIT_INPUT;
	o->values[o->n_values++] = copy;
	return EXIT_OK;
}

/* -P NAME LO HI or -L NAME A,B,C at argv[*i]; returns an exit code. */
static int parse_sweep(record_opts *o, int argc, char **argv, int *i)
{
	bool range = strcmp(argv[*i], "-P") == 0;
	int need = range ? 3 : 2;
	if (*i + need >= argc)
		return cli_usage_error("record", "%s expects %s", argv[*i],
				       range ? "NAME LO HI" : "NAME A,B,C");
	if (o->param)
		return cli_usage_error("record", "one sweep (-P or -L) at most");
	const char *name = argv[*i + 1];
	if (!name[0] || strpbrk(name, "{}=") || !cli_text_ok("record: sweep name", name))
		return cli_usage_error("record", "%s: '%s' is not a parameter name", argv[*i],
				       name);
	o->param = name;
	if (range) {
		long lo, hi;
		char *e1, *e2;
		errno = 0;
		lo = strtol(argv[*i + 2], &e1, 10);
		hi = strtol(argv[*i + 3], &e2, 10);
		if (errno || *e1 || *e2 || e1 == argv[*i + 2] || e2 == argv[*i + 3] || hi < lo ||
		    hi - lo >= 10000)
			return cli_usage_error("record",
					       "-P %s: expected whole numbers LO <= HI (at most "
					       "10000 values), got '%s' '%s'",
					       name, argv[*i + 2], argv[*i + 3]);
		for (long v = lo; v <= hi; v++) {
			char text[32];
			int len = snprintf(text, sizeof text, "%ld", v);
			if (add_value(o, text, (size_t)len))
				return EXIT_INPUT;
		}
	} else {
		const char *list = argv[*i + 2];
		if (!cli_text_ok("record: -L", list))
			return EXIT_USAGE;
		for (const char *v = list;;) {
			size_t len = strcspn(v, ",");
			if (!len)
				return cli_usage_error("record", "-L %s: an empty value in '%s'",
						       name, list);
			/* Two equal values would be one point twice: the run could
			 * not be stored, after every value was measured. */
			for (size_t k = 0; k < o->n_values; k++)
				if (strlen(o->values[k]) == len && !memcmp(o->values[k], v, len))
					return cli_usage_error("record",
							       "-L %s: the value '%s' appears "
							       "twice in '%s'",
							       name, o->values[k], list);
			if (add_value(o, v, len))
				return EXIT_INPUT;
			if (!v[len])
				break;
			v += len + 1;
		}
	}
	*i += need;
	return EXIT_OK;
}

/* hyperfine's options that record has not, and what to do instead: the
 * nearest option record has was suggested ('--prepare': did you mean
 * '--replace'?, which replaces a stored run). */
static const struct {
	const char *option, *instead;
} hyperfine_options[] = {
    {"--prepare", "record has no command run before each run"},
    {"-p", "record has no command run before each run (hyperfine's --prepare)"},
    {"--conclude", "record has no command run after each run"},
    {"--setup", "run the set-up before record"},
    {"-s", "run the set-up before record (hyperfine's --setup)"},
    {"--cleanup", "run the clean-up after record"},
    {"-c", "run the clean-up after record (hyperfine's --cleanup)"},
    {"-N", "record runs CMD without a shell already; --shell runs it with /bin/sh -c"},
    {"-S", "record's --shell takes no value: it runs CMD with /bin/sh -c"},
    {"--min-runs", "give --runs N, or --min-time S (3 runs at least)"},
    {"-m", "give --runs N, or --min-time S (3 runs at least)"},
    {"--max-runs", "give --runs N, or --min-time S (1000000 runs at most)"},
    {"-M", "give --runs N, or --min-time S (1000000 runs at most)"},
    {"--show-output", "record discards CMD's standard output"},
    {"--export-json", "the run is stored: 'benchdb export --format json RUN' writes it"},
    {"--export-csv", "the run is stored: 'benchdb export --format csv RUN' writes it"},
    {"--export-markdown", "the run is stored: 'benchdb export --format markdown RUN' writes it"},
    {"--shell", "record's --shell takes no value: it runs CMD with /bin/sh -c"},
    {"--command-name", "record's is --name NAME (-n)"},
    {"--parameter-scan", "record's is -P NAME LO HI"},
    {"--parameter-list", "record's is -L NAME A,B,C"},
    {"--reference", "record judges the run against a baseline: --baseline NAME"},
    {"-D", "-P takes whole steps of 1; -L lists other values"},
    {"--parameter-step-size", "-P takes whole steps of 1; -L lists other values"},
};

/* A usage error for hyperfine's arg (as "--opt" or "--opt=value"), saying
 * what to do instead; 0 when arg is none of them. */
static int hyperfine_option(const char *arg)
{
	size_t len = strcspn(arg, "=");
	for (size_t k = 0; k < sizeof hyperfine_options / sizeof *hyperfine_options; k++)
		if (strlen(hyperfine_options[k].option) == len &&
		    !strncmp(arg, hyperfine_options[k].option, len))
			return cli_usage_error("record", "%s: hyperfine's option: %s", arg,
					       hyperfine_options[k].instead);
	return 0;
}

/* Parses the options before CMD into *o; returns an exit code, or -1 after
 * --help. */
static int parse_options(cli_ctx *ctx, record_opts *o, int argc, char **argv)
{
	int i;
	for (i = 1; i < argc; i++) {
		const char *v, *arg = argv[i];
		bool bad = false;
		int at = i;
		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (arg[0] != '-')
			break; /* CMD starts */
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			fputs(record_usage, stdout);
			return -1;
		}
		if (cli_opt_value(argc, argv, &i, "--db", &v, &bad) ||
		    cli_opt_value(argc, argv, &i, "--data", &v, &bad)) {
			if (!bad)
				ctx->db_dir = v;
		} else if (cli_opt_value(argc, argv, &i, "--name", &v, &bad) ||
			   cli_opt_value(argc, argv, &i, "-n", &v, &bad)) {
			if (!bad && !cli_text_ok("record: --name", v))
				return EXIT_USAGE;
			if (!bad && !*v)
				return cli_usage_error("record", "--name: expected the point's name");
			o->name = v;
		} else if (cli_opt_value(argc, argv, &i, "--warmup", &v, &bad) ||
			   cli_opt_value(argc, argv, &i, "-w", &v, &bad)) {
			if (!bad && !parse_count("--warmup", v, 0, &o->warmup))
				return EXIT_USAGE;
		} else if (cli_opt_value(argc, argv, &i, "--runs", &v, &bad) ||
			   cli_opt_value(argc, argv, &i, "-r", &v, &bad)) {
			if (!bad && !parse_count("--runs", v, 1, &o->runs))
				return EXIT_USAGE;
			o->runs_given = true;
		} else if (cli_opt_value(argc, argv, &i, "--min-time", &v, &bad)) {
			char *end;
			o->min_time = bad ? 0 : strtod(v, &end);
			if (!bad && (end == v || *end || !(o->min_time > 0) || o->min_time > 1e6)) {
				cli_error("record: --min-time: expected seconds above 0, got '%s'",
					  v);
				return EXIT_USAGE;
			}
		} else if (cli_opt_value(argc, argv, &i, "--tag", &v, &bad)) {
			if (!bad && o->n_tags == MAX_TAGS) {
				cli_error("record: at most %d --tag options", MAX_TAGS);
				return EXIT_USAGE;
			}
			if (!bad) {
				int code = cli_tag_parse("record", v, &o->tags[o->n_tags],
							 &o->tag_copies[o->n_tags]);
				if (code)
					return code;
				o->n_tags++;
			}
		} else if (cli_run_meta_option(argc, argv, &i, &o->meta, &bad)) {
			/* resolved once every option is read */
		} else if (cli_opt_value(argc, argv, &i, "--format", &v, &bad)) {
			if (!bad &&
			    (bdb_format_parse(v, &o->format) || o->format == BDB_INPUT_AUTO)) {
				cli_error("record: unknown format '%s' (expected %s)", v,
					  bdb_format_list());
				return EXIT_USAGE;
			}
			o->has_format = !bad;
		} else if (cli_opt_value(argc, argv, &i, "--output", &v, &bad)) {
			o->output = v;
		} else if (cli_opt_value(argc, argv, &i, "--input", &v, &bad)) {
			o->input = v;
		} else if (cli_opt_value(argc, argv, &i, "--timestamp", &v, &bad)) {
			if (!bad && cli_time_option("record", "--timestamp", v, &o->timestamp_us))
				return EXIT_USAGE;
			o->has_timestamp = !bad;
		} else if (cli_opt_value(argc, argv, &i, "--baseline", &v, &bad)) {
			if (!bad && !cli_text_ok("record: --baseline", v))
				return EXIT_USAGE;
			o->baseline = v;
		} else if (strcmp(arg, "--replace") == 0) {
			o->put_flags |= BDB_PUT_REPLACE;
		} else if (strcmp(arg, "--shell") == 0) {
			o->shell = true;
		} else if (strcmp(arg, "--ignore-failure") == 0 || strcmp(arg, "-i") == 0) {
			o->ignore_failure = true;
		} else if (strcmp(arg, "-P") == 0 || strcmp(arg, "-L") == 0) {
			int code = parse_sweep(o, argc, argv, &i);
			if (code)
				return code;
		} else {
			int code = hyperfine_option(arg);
			return code ? code : cli_unknown_option("record", record_usage, arg);
		}
		if (bad)
			return EXIT_USAGE;
		/* A value forgotten took the `--` before CMD: `--name -- CMD`
		 * named the point "--". */
		if (i > at && strcmp(argv[i], "--") == 0)
			return cli_usage_error("record", "%s: expected its value before '--'", arg);
	}
	o->cmd = argv + i;
	o->n_cmd = argc - i;
	bool blank = true;
	for (int w = 0; w < o->n_cmd && blank; w++)
		blank = o->cmd[w][strspn(o->cmd[w], " \t\n")] == '\0';
	if (blank)
		return cli_usage_error("record", "expected the command to run after '--'%s",
				       o->n_cmd ? ", got only blanks" : "");
	/* hyperfine's several commands (`hyperfine 'sleep 0.1' 'sleep 0.2'`):
	 * --shell joined them into one line, and without it the first named
	 * no program. A line split around a shell's operators ('make -j2' '&&'
	 * 'make test') has a word without a blank; without --shell, a program
	 * whose path has a blank ("/opt/My App/bench") is one. */
	bool several = o->n_cmd > 1 && (o->shell || access(o->cmd[0], X_OK) != 0);
	for (int w = 0; w < o->n_cmd && several; w++)
		several = strpbrk(o->cmd[w], " \t") != NULL;
	if (several)
		return cli_usage_error("record",
				       "each word after -- has a blank, as hyperfine's several "
				       "commands ('%s' '%s'%s): record measures one command; "
				       "record each on its own, or sweep them (-L NAME A,B with "
				       "{NAME} in CMD)",
				       o->cmd[0], o->cmd[1], o->n_cmd > 2 ? " ..." : "");
	if (o->runs_given && o->min_time > 0)
		return cli_usage_error("record", "--runs and --min-time exclude each other");
	if (o->param && (o->has_format || o->output))
		return cli_usage_error("record", "a sweep cannot be combined with --format or "
						 "--output yet");
	/* A directory was measured, then "no run wrote it" (exit 3). */
	struct stat st;
	if (o->output && stat(o->output, &st) == 0 && S_ISDIR(st.st_mode))
		return cli_usage_error("record",
				       "--output %s: is a directory (expected the file CMD writes)",
				       o->output);
	/* hyperfine's --output WHERE (null, pipe, inherit) says where CMD's
	 * output goes: given to record, every run was measured, then "null:
	 * cannot read" (exit 3). */
	bool out_in_cmd = false;
	for (int w = 0; w < o->n_cmd && !out_in_cmd; w++)
		out_in_cmd = strstr(o->cmd[w], "{out}") != NULL;
	if (o->output && !out_in_cmd && stat(o->output, &st) != 0 &&
	    (!strcmp(o->output, "null") || !strcmp(o->output, "pipe") ||
	     !strcmp(o->output, "inherit")))
		return cli_usage_error(
		    "record",
		    "--output %s: no such file, and CMD has no {out}: record's "
		    "--output FILE is the results file CMD writes, not hyperfine's "
		    "--output (CMD's standard output is discarded)",
		    o->output);
	if (!o->runs_given)
		o->runs = o->has_format || o->output ? 1 : 10;
	return cli_run_meta_resolve("record", &o->meta);
}

/* ------------------------------------------------------------------------ */
/* record                                                                    */
/* ------------------------------------------------------------------------ */

/* What --input reads once (a pipe) at most, as ingest reads a pipe. */
#define MAX_PIPED_INPUT ((off_t)1 << 30)

/* Copies what fd holds, to its end, into an unlinked temporary file in
 * $TMPDIR (else /tmp); its descriptor (closed at exec), or -1 after saying
 * why (for --input what), naming the directory. */
static int input_copy(int fd, const char *what)
{
	const char *env = getenv("TMPDIR");
	const char *dir = env && *env ? env : "/tmp";
	bdb_buf path;
	bdb_buf_init(&path);
	bdb_buf_printf(&path, "%s/benchdb-input-XXXXXX", dir);
	int copy = path.failed ? -1 : mkstemp(path.data);
	int err = path.failed ? ENOMEM : errno;
	if (copy >= 0) {
		unlink(path.data);
		fcntl(copy, F_SETFD, FD_CLOEXEC);
		err = 0;
	}
	bdb_buf_free(&path);
	char chunk[65536];
	off_t total = 0;
	ssize_t n = 0;
	while (copy >= 0 && total <= MAX_PIPED_INPUT &&
	       ((n = read(fd, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR))) {
		if (n > 0 && write(copy, chunk, (size_t)n) != n) {
			err = errno ? errno : ENOSPC; /* a short write: the disk is full */
			n = -1;
			break;
		}
		total += n > 0 ? n : 0;
	}
	if (copy >= 0 && n == 0)
		return copy;
	if (copy >= 0 && n < 0 && !err)
		err = errno;
	if (copy >= 0 && total > MAX_PIPED_INPUT)
		cli_error("record: --input %s: more than 1 GiB to read again for every run "
			  "(give a file)",
			  what);
	else
		cli_error("record: --input %s: cannot keep a copy for every run in %s (%s): %s",
			  what, dir, env && *env ? "TMPDIR" : "set TMPDIR for another directory",
			  strerror(err ? err : EIO));
	if (copy >= 0)
		close(copy);
	return -1;
}

/*
 * Sets where every run's standard input comes from (o->input_fd): --input
 * FILE from its start, a FILE that cannot be read again (-, record's
 * standard input; a pipe, <(cmd)) read once to its end and every run given
 * the same bytes. Without --input, a file redirected to record is read by
 * every run from where it was (o->stdin_at); a terminal (a background group
 * reading it would be stopped, and record would wait for ever) and a pipe
 * (its first run read all it held, the others nothing) are /dev/null, as
 * hyperfine gives; a pipe is said. Returns an exit code.
 */
static int open_input(record_opts *o)
{
	struct stat st;
	if (!o->input) {
		bool piped =
		    fstat(STDIN_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
		if (!piped && !isatty(STDIN_FILENO) &&
		    (o->stdin_at = lseek(STDIN_FILENO, 0, SEEK_CUR)) >= 0)
			return EXIT_OK;
		if (piped)
			fputs("benchdb: warning: record: standard input is a pipe: every run reads "
			      "/dev/null (--input - gives each run what it holds)\n",
			      stderr);
		o->input_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (o->input_fd < 0) {
			cli_error("record: cannot open /dev/null: %s", strerror(errno));
			return EXIT_INPUT;
		}
		return EXIT_OK;
	}
	bool std = strcmp(o->input, "-") == 0;
	int fd =
	    std ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) : open(o->input, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		cli_error("record: --input %s: %s", o->input, strerror(errno));
		if (fd >= 0)
			close(fd);
		return EXIT_INPUT;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return cli_usage_error("record",
				       "--input %s: is a directory (expected the file "
				       "every run reads)",
				       o->input);
	}
	/* What can be read again is, by every run: FILE from its start, a
	 * file redirected to record (-) from where it was. */
	if ((!std && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode) &&
	     lseek(fd, 0, SEEK_SET) == 0) ||
	    (std && S_ISREG(st.st_mode) && (o->input_at = lseek(fd, 0, SEEK_CUR)) >= 0)) {
		o->input_fd = fd;
		return EXIT_OK;
	}
	o->input_at = 0;
	o->input_fd = input_copy(fd, o->input);
	close(fd);
	return o->input_fd >= 0 ? EXIT_OK : EXIT_INPUT;
}

/* Measures one command (value: the sweep's, or NULL) into *m; the last
 * measured run's standard output goes to capture (may be NULL). Returns
 * EXIT_OK, 128 + N on signal N (SIGINT, SIGTERM, SIGHUP), or the command's
 * failing status (said on stderr). */
static int measure(const record_opts *o, char **argv, const char *title, measured *m,
		   captured *capture)
{
	struct timespec start = {0, 0}, now;
	double elapsed = 0; /* since the first measured run started */
	for (long i = 0;; i++) {
		bool warmup = i < o->warmup;
		/* --min-time counts measured runs only: the warm-ups' time made
		 * warm-ups of S seconds leave the minimum of 3 runs. */
		if (i == o->warmup)
			clock_gettime(CLOCK_MONOTONIC, &start);
		if (!warmup && o->min_time <= 0 && (long)m->n >= o->runs)
			break;
		if (!warmup && o->min_time > 0 && m->n >= MIN_TIME_RUNS &&
		    (elapsed >= o->min_time || m->n >= MAX_RUNS))
			break;
		if (o->progress)
			show_progress(o, m, warmup ? i : o->warmup, o->runs, elapsed);
		if (capture)
			capture->len = 0;
		/* Each run reads a redirected file from where it was: the first
		 * run read it all and the others read nothing. */
		if (o->stdin_at >= 0)
			lseek(STDIN_FILENO, o->stdin_at, SEEK_SET);
		if (o->input_fd >= 0)
			lseek(o->input_fd, o->input_at, SEEK_SET);
		double wall;
		struct rusage usage;
		int status = 0, err = 0;
		memset(&usage, 0, sizeof usage);
		run_end end = interrupted ? RUN_INTERRUPTED
					  : run_once(argv, o->input_fd, capture, &wall, &usage,
						     &status, &err);
		if (o->progress)
			fputs("\r\033[K", stderr);
		if (end == RUN_INTERRUPTED) {
			cli_error("record: %s during %s %ld of %s%s%s; nothing stored",
				  stopped_by(), warmup ? "warm-up run" : "run",
				  warmup ? i + 1 : (long)m->n + 1, quote_for(title), title,
				  quote_for(title));
			return 128 + (interrupted ? interrupted : SIGINT);
		}
		if (end == RUN_NOT_STARTED) {
			/* hyperfine's habit, `record 'sleep 0.1'`: one word with blanks
			 * names no program. */
			bool one_line = err == ENOENT && !o->shell && argv[1] == NULL &&
					strpbrk(argv[0], " \t");
			cli_error("record: cannot run '%s': %s%s", argv[0], strerror(err),
				  one_line ? " (a command line in one argument names no program: "
					     "give its words apart, after --, or add --shell)"
					   : "");
			return err == ENOENT ? 127 : 126;
		}
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		if (code && !o->ignore_failure) {
			cli_error("record: %s%s%s %s %d in %s %ld; nothing stored "
				  "(--ignore-failure measures failing runs too)",
				  quote_for(title), title, quote_for(title),
				  WIFEXITED(status) ? "exited with status" : "died of signal",
				  WIFEXITED(status) ? code : WTERMSIG(status),
				  warmup ? "warm-up run" : "run", warmup ? i + 1 : (long)m->n + 1);
			return code;
		}
		if (warmup)
			continue;
		m->failures += code != 0;
		/* ru_maxrss is in KiB on Linux. */
		if (measured_add(m, wall, timeval_seconds(&usage.ru_utime),
				 timeval_seconds(&usage.ru_stime),
				 (double)usage.ru_maxrss * 1024.0))
			return EXIT_INPUT;
		clock_gettime(CLOCK_MONOTONIC, &now);
		elapsed = seconds_between(&start, &now);
	}
	return EXIT_OK;
}

/* The id of the run record stores: --id, else "record-" and the time it
 * started (RFC 3339), into id (size bytes). */
static const char *run_id(const record_opts *o, int64_t started_us, char *id, size_t size)
{
	if (o->meta.id)
		return o->meta.id;
	snprintf(id, size, "record-");
	bdb_time_format(started_us, id + strlen(id), size - strlen(id));
	return id;
}

/* The run the command's own results make (--format, --output): read from
 * capture or the output file, with record's options and id (not the
 * adapter's hash of the results, which a second record of the same
 * results would collide with). */
static int read_results(const record_opts *o, int64_t started_us, const captured *capture,
			bdb_run **out)
{
	bdb_ingest_options opt;
	bdb_ingest_options_init(&opt);
	char id[64];
	opt.id = run_id(o, started_us, id, sizeof id);
	opt.commit = o->meta.commit;
	opt.branch = o->meta.branch;
	opt.default_commit = o->meta.ci_commit;
	opt.default_branch = o->meta.ci_branch;
	opt.tags = o->tags;
	opt.n_tags = o->n_tags;
	/* The results are of this record: its time, not one the file gives
	 * (gbench's "date" has whole seconds, in the machine's zone). */
	opt.has_timestamp = true;
	opt.timestamp_us = o->has_timestamp ? o->timestamp_us : started_us;
	bdb_diag d;
	bdb_diag_clear(&d);
	int rc = o->output ? bdb_ingest_path(o->output, o->has_format ? o->format : BDB_INPUT_AUTO,
					     &opt, out, NULL, &d)
			   : bdb_ingest_buffer("the command's standard output", capture->data,
					       capture->len, o->format, &opt, out, NULL, &d);
	if (rc) {
		cli_error_diag(&d);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* Whether the file at path is the one before was stat'ed as (before_ok:
 * it existed): same inode, size, and modification and change times. */
static bool file_unchanged(const char *path, bool before_ok, const struct stat *before)
{
	struct stat now;
	return before_ok && stat(path, &now) == 0 && now.st_ino == before->st_ino &&
	       now.st_dev == before->st_dev && now.st_size == before->st_size &&
	       now.st_mtim.tv_sec == before->st_mtim.tv_sec &&
	       now.st_mtim.tv_nsec == before->st_mtim.tv_nsec &&
	       now.st_ctim.tv_sec == before->st_ctim.tv_sec &&
	       now.st_ctim.tv_nsec == before->st_ctim.tv_nsec;
}

/* A new run for record's own points: id, timestamp, commit, branch. */
static int new_run(const record_opts *o, int64_t started_us, bdb_run **out)
{
	bdb_run *run = bdb_run_new();
	if (!run)
		return BDB_ENOMEM;
	char id[64];
	const char *commit = o->meta.commit ? o->meta.commit : o->meta.ci_commit;
	const char *branch = o->meta.branch ? o->meta.branch : o->meta.ci_branch;
	int rc = bdb_run_set_id(run, run_id(o, started_us, id, sizeof id));
	run->timestamp_us = o->has_timestamp ? o->timestamp_us : started_us;
	if (!rc && commit)
		rc = bdb_run_set_commit(run, commit);
	if (!rc && branch)
		rc = bdb_run_set_branch(run, branch);
	if (rc) {
		bdb_run_free(run);
		return rc;
	}
	*out = run;
	return 0;
}

/* Whether every point name of run (every point: name NULL) has 5 wall
 * samples or more (mwu decides with them; fewer cannot reach p < 0.05 or
 * hardly). */
static bool enough_samples(const bdb_run *run, const char *name)
{
	for (size_t p = 0; p < run->n_points; p++) {
		const bdb_metric *m = bdb_point_find_metric(&run->points[p], "wall");
		if (m && (!name || strcmp(run->points[p].name, name) == 0) && m->n_samples < 5)
			return false;
	}
	return true;
}

/*
 * When the store has baseline o->baseline (default main) and it holds the
 * points names[0..n) (with a sweep, of its values), prints the verdict of
 * this run's wall time against it: compare's table, using mwu when every point has 5 samples or
 * more (else percent), as the statement prints it. Says on stderr when a baseline named with
 * --baseline is missing; nothing when main is.
 */
static void print_verdict(bdb_store *store, const record_opts *o, const bdb_run *run, char **names,
			  size_t n)
{
	/* One name: the point's (record's, or the timing point of --format). */
	const char *name = n == 1 ? names[0] : NULL;
	const char *baseline = o->baseline ? o->baseline : "main";
	bdb_reader *r;
	uint64_t seq;
	bdb_run *base = NULL;
	if (bdb_reader_begin(store, &r))
		return;
	bool found = bdb_reader_get_baseline(r, baseline, &seq) == 0;
	/* The baseline's samples count too: a baseline of one run (--runs 1)
	 * made mwu's smallest p 2/7 against 6, 'inconclusive' however slower. */
	if (found && bdb_reader_run_decode(r, seq, &base) != 0)
		base = NULL;
	bdb_reader_end(r);
	if (!found) {
		if (o->baseline)
			fprintf(stderr, "benchdb: warning: record: no baseline '%s': no verdict\n",
				baseline);
		return;
	}
	bool mwu = base && enough_samples(run, name) && enough_samples(base, name);
	bdb_run_free(base);
	bdb_buf stmt, out;
	bdb_buf_init(&stmt);
	bdb_buf_init(&out);
	bdb_buf_puts(&stmt, "compare baseline ");
	bdb_query_put_name(&stmt, baseline);
	bdb_buf_puts(&stmt, " with run ");
	bdb_query_put_name(&stmt, run->id);
	/* The points by name, not as an `of` glob: `'*'` in a command line
	 * matched others; a sweep's values too, for a --name without {NAME}. */
	bdb_buf_puts(&stmt, " metric wall where point in (");
	for (size_t i = 0; i < n; i++) {
		bdb_buf_puts(&stmt, i ? ", " : "");
		bdb_query_put_name(&stmt, names[i]);
	}
	bdb_buf_putc(&stmt, ')');
	for (size_t v = 0; o->param && v < o->n_values; v++) {
		bdb_buf_puts(&stmt, v ? ", " : " and ");
		if (!v) {
			bdb_query_put_name(&stmt, o->param);
			bdb_buf_puts(&stmt, " in (");
		}
		bdb_query_put_name(&stmt, o->values[v]);
	}
	if (o->param)
		bdb_buf_putc(&stmt, ')');
	const char *method = bdb_query_method_name(mwu ? BDB_METHOD_MWU : BDB_METHOD_PERCENT);
	bdb_buf_printf(&stmt, " using %s", method);
	bdb_result *res = NULL;
	bdb_query_options qopt = {0};
	if (!stmt.failed && bdb_query_run(store, bdb_buf_cstr(&stmt), &qopt, &res, NULL) == 0) {
		/* Only points that are new: the baseline does not have this point. */
		int verdict = bdb_result_column_index(res, "verdict");
		bool compared = false;
		for (size_t row = 0; verdict >= 0 && row < bdb_result_n_rows(res); row++) {
			bdb_value v = bdb_result_get(res, row, (size_t)verdict);
			compared |=
			    v.kind == BDB_VALUE_STRING && v.str && strcmp(v.str, "new") != 0;
		}
		if (compared && bdb_result_format(res, BDB_OUTPUT_TABLE, &qopt, &out) == 0)
			printf("\nAgainst baseline %s (%s):\n%s", baseline, method,
			       bdb_buf_cstr(&out));
		/* Asked for by name, a verdict that is not there is said, as a
		 * missing baseline is. */
		else if (!compared && o->baseline)
			fprintf(stderr,
				"benchdb: warning: record: baseline '%s' has no point '%s': no "
				"verdict\n",
				baseline, name ? name : "of this sweep");
	}
	bdb_result_free(res);
	bdb_buf_free(&stmt);
	bdb_buf_free(&out);
}

/* Stores run; prints "Stored run ID (N points, M metrics)" and the verdict
 * of points names[0..n). */
static int store_run(cli_ctx *ctx, const record_opts *o, const bdb_run *run, char **names, size_t n)
{
	bdb_store *store;
	int code = cli_open_store(ctx, true, false, &store);
	if (code)
		return code;
	bdb_diag d;
	bdb_diag_clear(&d);
	bdb_put_outcome outcome;
	int rc = bdb_store_put_run(store, run, o->put_flags, NULL, &outcome, &d);
	if (rc) {
		/* What the store refused is the command's output (a point
		 * without a name): an input error, exit 3. */
		code = rc == BDB_EINVAL ? EXIT_INPUT : cli_exit_code(rc);
		cli_close_written_store(store, code);
		char why[sizeof d.message];
		snprintf(why, sizeof why, "%s", d.message[0] ? d.message : bdb_strerror(rc));
		/* A storage failure's message names the run and says that
		 * nothing was stored; what it lacks is where. */
		if (rc == BDB_EINVAL || !d.message[0])
			bdb_diag_set(&d, rc, NULL, 0, 0, "record: cannot store run %s: %s",
				     run->id, why);
		else
			bdb_diag_set(&d, rc, NULL, 0, 0, "record: %s: %s", ctx->db_dir, why);
		cli_error_diag(&d);
		return code;
	}
	cli_stored();
	size_t metrics = 0;
	for (size_t p = 0; p < run->n_points; p++)
		metrics += run->points[p].n_metrics;
	printf("%s run %s (%zu point%s, %zu metric%s)\n",
	       outcome == BDB_PUT_REPLACED ? "Replaced" : "Stored", run->id, run->n_points,
	       run->n_points == 1 ? "" : "s", metrics, metrics == 1 ? "" : "s");
	print_verdict(store, o, run, names, n);
	bdb_store_close(store);
	return EXIT_OK;
}

/* The run's metadata "command": the command line measured, which --name
 * hid (the point is named, the command was stored nowhere). Not over the
 * results' own "command" (--format), nor when it is not text (then --name
 * was needed). 0 or BDB_ENOMEM. */
static int set_command_meta(bdb_run *run, const char *command_line)
{
	for (size_t i = 0; i < run->n_meta; i++)
		if (strcmp(run->meta[i].key, "command") == 0)
			return 0;
	size_t len = strlen(command_line);
	if (bdb_text_fault(command_line, len, true, NULL) != len)
		return 0;
	return bdb_run_set_meta(run, "command", command_line);
}

int cmd_record(cli_ctx *ctx, int argc, char **argv)
{
	record_opts o;
	memset(&o, 0, sizeof o);
	o.input_fd = -1;
	o.stdin_at = -1;
	bdb_run *run = NULL;
	char *command_line = NULL;
	char **names = NULL; /* each point's (point_name) */
	size_t n_points = 0;
	captured capture = {NULL, 0, 0};
	int code = parse_options(ctx, &o, argc, argv);
	if (code)
		goto out;
	o.progress = isatty(STDERR_FILENO) && !cli_terminal_dumb();
	ssize_t self = readlink("/proc/self/exe", helper_path, sizeof helper_path - 1);
	helper_path[self > 0 ? self : 0] = '\0';
	code = open_input(&o);
	if (code)
		goto out;
	/* The run's command: with a sweep, its {NAME} in it. */
	command_line = join_words(o.cmd, o.n_cmd, !o.shell);
	if (!command_line) {
		code = EXIT_INPUT;
		goto out;
	}
	const char *name = o.name ? o.name : command_line;
	/* The command line is the point's name unless --name gives one, and a
	 * name is text (what --name is checked for): bytes that are not UTF-8
	 * or a newline in it would be stored as they are. */
	if (!o.name && !cli_text_ok("record: the command line (the point's name without --name)",
				    command_line)) {
		fputs("benchdb: hint: --name NAME names the point\n", stderr);
		code = EXIT_USAGE;
		goto out;
	}
	n_points = o.param ? o.n_values : 1;
	names = calloc(n_points, sizeof *names);
	for (size_t v = 0; names && v < n_points; v++)
		if (!(names[v] = point_name(&o, o.param ? o.values[v] : NULL)))
			break;
	if (!names || !names[n_points - 1]) {
		code = EXIT_INPUT;
		goto out;
	}

	/* Measuring may take long: a --db that cannot be opened or made fails
	 * now, not after the runs. A store this open made is removed again
	 * (close_unused), so a command that fails leaves no store behind. */
	bdb_store *probe;
	code = cli_open_store(ctx, true, false, &probe);
	if (code)
		goto out;
	/* So does an --id that is taken: the new run always differs (its
	 * timings, its time). */
	bdb_reader *r;
	uint64_t taken;
	if (o.meta.id && !(o.put_flags & BDB_PUT_REPLACE) && bdb_reader_begin(probe, &r) == 0) {
		if (bdb_reader_find_id(r, o.meta.id, &taken) == 0) {
			cli_error("record: run %s is already stored; --replace replaces it",
				  o.meta.id);
			code = EXIT_INPUT;
		}
		bdb_reader_end(r);
	}
	bdb_store_close_unused(probe);
	if (code)
		goto out;

	struct sigaction on_stop, old_stop[N_STOP_SIGNALS];
	memset(&on_stop, 0, sizeof on_stop);
	on_stop.sa_handler = on_stop_signal; /* no SA_RESTART: wait4 and read return EINTR */
	sigemptyset(&on_stop.sa_mask);
	interrupted = 0;
	for (size_t i = 0; i < N_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &on_stop, &old_stop[i]);
	/* A SIGTSTP ignored (a job started without job control) stays so. */
	struct sigaction on_tstp, old_tstp;
	memset(&on_tstp, 0, sizeof on_tstp);
	on_tstp.sa_handler = on_terminal_stop;
	on_tstp.sa_flags = SA_RESTART;
	sigemptyset(&on_tstp.sa_mask);
	sigaction(SIGTSTP, NULL, &old_tstp);
	if (old_tstp.sa_handler != SIG_IGN)
		sigaction(SIGTSTP, &on_tstp, NULL);

	cli_machine machine;
	cli_machine_read(&machine);
	cli_machine_warn(&machine, machine.load_before);
	cli_machine_warn_setup(&machine);
	/* --output FILE as it was before the runs: one that no run wrote is
	 * left from before (a command that does not use {out}, or failed to
	 * write it and exited 0), and its results are not this record's. */
	struct stat output_before;
	bool output_existed = o.output && stat(o.output, &output_before) == 0;
	int64_t started_us = bdb_time_now();
	measured *results = calloc(n_points, sizeof *results);
	if (!results) {
		code = EXIT_INPUT;
		goto restore;
	}
	for (size_t v = 0; v < n_points && !code; v++) {
		const char *value = o.param ? o.values[v] : NULL;
		char **cmd = command_for(&o, value);
		if (!cmd) {
			code = EXIT_INPUT;
			break;
		}
		/* A sweep's value shows in the point's name (`sleep 0.01`), or
		 * after it when the name has no {NAME}. Whole: a cut could
		 * split a UTF-8 character. */
		bdb_buf title;
		bdb_buf_init(&title);
		if (o.param && strcmp(names[v], name) == 0)
			bdb_buf_printf(&title, "%s (%s=%s)", names[v], o.param, value);
		else
			bdb_buf_puts(&title, names[v]);
		code = title.failed ? EXIT_INPUT
				    : measure(&o, cmd, bdb_buf_cstr(&title), &results[v],
					      o.has_format && !o.output ? &capture : NULL);
		free_words(cmd);
		if (!code) {
			print_statistics(bdb_buf_cstr(&title), &results[v]);
			warn_outliers(bdb_buf_cstr(&title), &results[v], o.warmup);
		}
		bdb_buf_free(&title);
	}
	machine.load_after = cli_load_average();
	/* What follows record (a shell's `while read`) reads on from there. */
	if (o.stdin_at >= 0)
		lseek(STDIN_FILENO, o.stdin_at, SEEK_SET);
	/* Once: the load rose above the cores while measuring. */
	if (!code && machine.load_before <= (double)machine.cores)
		cli_machine_warn(&machine, machine.load_after);
	struct stat output_after;
	bool output_missing = o.output && !output_existed && stat(o.output, &output_after) != 0;
	if (!code && o.output &&
	    (output_missing || file_unchanged(o.output, output_existed, &output_before))) {
		/* A file that is not there was 'FILE: cannot read', without
		 * record's name or that nothing was stored. */
		cli_error("record: --output %s: no run wrote it (%s; does CMD write {out}?); "
			  "nothing stored",
			  o.output,
			  output_missing ? "there is no such file"
					 : "it is as it was before the runs");
		code = EXIT_INPUT;
	}
	if (!code)
		code = o.has_format || o.output ? read_results(&o, started_us, &capture, &run)
						: (new_run(&o, started_us, &run) ? EXIT_INPUT : 0);
	for (size_t v = 0; v < n_points && !code; v++)
		if (add_timing_point(run, &o, names[v], o.param ? o.values[v] : NULL, &results[v]))
			code = EXIT_INPUT;
	if (!code && cli_machine_to_env(&machine, run))
		code = EXIT_INPUT;
	if (!code && set_command_meta(run, command_line))
		code = EXIT_INPUT;
	if (!code && interrupted) {
		/* Ctrl-C after the last run: still nothing is stored. */
		cli_error("record: %s; nothing stored", stopped_by());
		code = 128 + interrupted;
	}
	if (!code)
		code = store_run(ctx, &o, run, names, n_points);
	for (size_t v = 0; v < n_points; v++)
		measured_free(&results[v]);
	free(results);
restore:
	for (size_t i = 0; i < N_STOP_SIGNALS; i++)
		sigaction(stop_signals[i], &old_stop[i], NULL);
	sigaction(SIGTSTP, &old_tstp, NULL);
out:
	bdb_run_free(run);
	unforked_free(capture.data, capture.cap);
	free(command_line);
	for (size_t v = 0; names && v < n_points; v++)
		free(names[v]);
	free(names);
	for (size_t t = 0; t < o.n_tags; t++)
		free(o.tag_copies[t]);
	for (size_t v = 0; v < o.n_values; v++)
		free(o.values[v]);
	free(o.values);
	if (o.input_fd >= 0)
		close(o.input_fd);
	return code < 0 ? EXIT_OK : code;
}
