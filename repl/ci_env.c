/* ci_env.c - the run metadata of ingest and record: id, commit and branch from
 * the options, the CI job's environment or git; --tag. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

/*
 * A pull request's branch from a fork is named in the fork, and is often the
 * base's own name ("main"): stored as that, a fork's runs were the base of
 * `check --against-branch main`. It is stored as the service shows it,
 * OWNER:BRANCH; ':' is in no git branch name, so it names none of the
 * repository's own branches.
 */
static char fork_branch[1024];

static const char *set_var(const char *name)
{
	const char *v = name ? getenv(name) : NULL;
	return v && *v ? v : NULL;
}

/* GitHub: the event file's pull_request.head, whose repository is not the
 * base's; without the event, a head branch named as the base branch (which a
 * pull request within one repository cannot have). */
static const char *github_fork(const char *branch)
{
	const char *head_ref = set_var("GITHUB_HEAD_REF"), *event = set_var("GITHUB_EVENT_PATH");
	if (!head_ref || branch != head_ref)
		return branch; /* a push: GITHUB_REF_NAME */
	json_t *root = event ? json_load_file(event, 0, NULL) : NULL;
	json_t *pr = json_object_get(root, "pull_request");
	json_t *head = json_object_get(pr, "head"), *base = json_object_get(pr, "base");
	bool fork;
	const char *label = NULL;
	if (head && base) {
		const char *from = json_string_value(
			       json_object_get(json_object_get(head, "repo"), "full_name")),
			   *to = json_string_value(
			       json_object_get(json_object_get(base, "repo"), "full_name"));
		fork = !from || !to || strcmp(from, to) != 0; /* no repo: a deleted fork */
		label = json_string_value(json_object_get(head, "label"));
	} else {
		const char *base_ref = set_var("GITHUB_BASE_REF");
		fork = base_ref && strcmp(base_ref, branch) == 0;
	}
	if (fork && label && strchr(label, ':') && label[0] != ':')
		snprintf(fork_branch, sizeof fork_branch, "%s", label);
	else if (fork)
		snprintf(fork_branch, sizeof fork_branch, "fork:%s", branch);
	json_decref(root);
	return fork ? fork_branch : branch;
}

/* GitLab: a merge request whose source project is not its target. */
static const char *gitlab_fork(const char *branch)
{
	const char *from = set_var("CI_MERGE_REQUEST_SOURCE_PROJECT_PATH"),
		   *to = set_var("CI_MERGE_REQUEST_PROJECT_PATH");
	if (!from || !to || strcmp(from, to) == 0)
		return branch;
	snprintf(fork_branch, sizeof fork_branch, "%s:%s", from, branch);
	return fork_branch;
}

/*
 * The CI services whose variables are read, in this order; the first whose
 * commit or branch variable is set (and not empty) gives both, except that
 * a tag's build gives no branch: its branch variable names the tag (a
 * v1.0 push stored branch "v1.0", which no one pushes to). Documented in
 * docs/cli.md ("Commit and branch from CI").
 */
static const struct ci_vars {
	const char *service;
	const char *commit;
	const char *branches[2]; /* the first set one wins */
	const char *strip;	 /* a prefix removed from the branch */
	const char *(*fork)(const char *branch); /* a fork's branch as OWNER:BRANCH */
	const char *tag;			 /* set (not empty): the build is a tag's... */
	const char *tag_value;			 /* ...when it has this value (NULL: any) */
} ci_services[] = {
    /* clang-format off */
    {"GitHub Actions", "GITHUB_SHA", {"GITHUB_HEAD_REF", "GITHUB_REF_NAME"}, NULL, github_fork,
     "GITHUB_REF_TYPE", "tag"},
    {"GitLab CI", "CI_COMMIT_SHA", {"CI_COMMIT_REF_NAME", NULL}, NULL, gitlab_fork,
     "CI_COMMIT_TAG", NULL},
    {"Buildkite", "BUILDKITE_COMMIT", {"BUILDKITE_BRANCH", NULL}, NULL, NULL,
     "BUILDKITE_TAG", NULL},
    {"CircleCI", "CIRCLE_SHA1", {"CIRCLE_BRANCH", NULL}, NULL, NULL,
     "CIRCLE_TAG", NULL},
    {"Jenkins", "GIT_COMMIT", {"GIT_BRANCH", NULL}, "origin/", NULL,
     "TAG_NAME", NULL},
    /* clang-format on */
};

/* Whether ci's variables say the build is a tag's. */
static bool tag_build(const struct ci_vars *ci)
{
	const char *v = set_var(ci->tag);
	return v && (!ci->tag_value || strcmp(v, ci->tag_value) == 0);
}

int cli_ci_metadata(const char *cmd, const char **commit, const char **branch)
{
	*commit = *branch = NULL;
	for (size_t i = 0; i < sizeof ci_services / sizeof *ci_services; i++) {
		const struct ci_vars *ci = &ci_services[i];
		const char *c = set_var(ci->commit), *b = set_var(ci->branches[0]);
		if (!b)
			b = set_var(ci->branches[1]);
		if (!c && !b)
			continue;
		if (tag_build(ci))
			b = NULL;
		if (b && ci->strip && strncmp(b, ci->strip, strlen(ci->strip)) == 0 &&
		    b[strlen(ci->strip)])
			b += strlen(ci->strip);
		if (b && ci->fork)
			b = ci->fork(b);
		char what[64];
		snprintf(what, sizeof what, "%s: $%s", cmd, ci->commit);
		if (c && !cli_text_ok(what, c))
			return EXIT_USAGE;
		snprintf(what, sizeof what, "%s: %s's branch", cmd, ci->service);
		if (b && !cli_text_ok(what, b))
			return EXIT_USAGE;
		*commit = c;
		*branch = b;
		return EXIT_OK;
	}
	return EXIT_OK;
}

/* The first line git_command (a fixed command: nothing of the user's reaches
 * the shell) prints into out (size bytes); false when git fails, prints
 * nothing, or a line shorter than min or not shorter than size. */
static bool git_line(const char *git_command, size_t min, char *out, size_t size)
{
	FILE *p = popen(git_command, "r");
	if (!p)
		return false;
	char line[256] = "";
	bool got = fgets(line, sizeof line, p) != NULL;
	int status = pclose(p);
	line[strcspn(line, "\r\n")] = '\0';
	if (!got || status != 0 || strlen(line) < min || strlen(line) >= size)
		return false;
	memcpy(out, line, strlen(line) + 1);
	return true;
}

int cli_git_head(const char *cmd, char *sha, size_t size)
{
	/* A fixed command: nothing of the user's reaches the shell. Its
	 * standard error too: git's reason when it finds no commit. */
	FILE *p = popen("git rev-parse --verify -q HEAD 2>&1", "r");
	if (!p) {
		cli_error("%s: --commit auto: cannot run git", cmd);
		return EXIT_INPUT;
	}
	/* The commit is the line of hex digits; git's first other line, a
	 * warning or its reason, is kept for the error. */
	char line[512], why[512] = "";
	bool got = false;
	while (fgets(line, sizeof line, p)) {
		line[strcspn(line, "\r\n")] = '\0';
		size_t n = strlen(line);
		if (!got && n >= 7 && n < size && strspn(line, "0123456789abcdef") == n) {
			memcpy(sha, line, n + 1);
			got = true;
		} else if (!why[0]) {
			snprintf(why, sizeof why, "%s", line);
		}
	}
	int status = pclose(p);
	if (!got || status != 0) {
		/* git's own line says why: not a checkout, or one of another
		 * user (a container job), which git refuses; it read "not a git
		 * checkout, or git is not installed" either way. */
		cli_error(
		    "%s: --commit auto: 'git rev-parse HEAD' found no commit here (%s%s)", cmd,
		    status != 0 && why[0] ? why : "not a git checkout, or git is not installed",
		    status != 0 && strstr(why, "dubious ownership")
			? ": a checkout of another user, as in a container job; git config "
			  "--global --add safe.directory DIR allows it"
			: "");
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

int cli_git_branch(const char *cmd, char *branch, size_t size)
{
	if (!git_line("git symbolic-ref -q --short HEAD 2>/dev/null", 1, branch, size)) {
		cli_error("%s: --branch auto: 'git symbolic-ref --short HEAD' found no branch here "
			  "(not a git checkout, a detached HEAD, or git is not installed): give "
			  "--branch NAME",
			  cmd);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

bool cli_run_meta_option(int argc, char **argv, int *i, cli_run_meta *m, bool *bad)
{
	if (cli_opt_value(argc, argv, i, "--commit", &m->commit, bad) ||
	    cli_opt_value(argc, argv, i, "--branch", &m->branch, bad) ||
	    cli_opt_value(argc, argv, i, "--id", &m->id, bad))
		return true;
	if (strcmp(argv[*i], "--no-env") == 0) {
		m->no_env = true;
		return true;
	}
	return false;
}

int cli_inputs_check(const char *cmd, const char *const *files, int n)
{
	for (int f = 0, stdin_args = 0; f < n; f++)
		if (strcmp(files[f], "-") == 0 && ++stdin_args == 2)
			return cli_usage_error(cmd, "'-' is given twice: standard input is read "
						    "once");
	return EXIT_OK;
}

int cli_run_meta_resolve(const char *cmd, cli_run_meta *m)
{
	/* An empty --id was found out when the run was stored: after every
	 * run of record's command, after push had read its files. */
	if (m->id && !m->id[0])
		return cli_usage_error(cmd, "--id: expected a run id, got an empty one");
	if (m->id && bdb_run_id_fault(m->id))
		return cli_usage_error(cmd, "--id: \"%s\" %s", m->id, bdb_run_id_fault(m->id));
	/* What is stored and printed is one line of text. */
	const struct {
		const char *option, *value;
	} texts[] = {{"--id", m->id}, {"--commit", m->commit}, {"--branch", m->branch}};
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		char what[64];
		snprintf(what, sizeof what, "%s: %s", cmd, texts[t].option);
		if (texts[t].value && !cli_text_ok(what, texts[t].value))
			return EXIT_USAGE;
	}
	if (m->commit && strcmp(m->commit, "auto") == 0) {
		int code = cli_git_head(cmd, m->head, sizeof m->head);
		if (code)
			return code;
		m->commit = m->head;
	}
	m->ci_commit = m->ci_branch = NULL;
	int code = m->no_env ? EXIT_OK : cli_ci_metadata(cmd, &m->ci_commit, &m->ci_branch);
	/* "auto" as --commit's: a branch named auto was stored instead. A CI
	 * job's checkout is a detached HEAD (a pull request's merge commit):
	 * then the branch its CI variables name (exit 3 before). */
	if (!code && m->branch && strcmp(m->branch, "auto") == 0) {
		if (!git_line("git symbolic-ref -q --short HEAD 2>/dev/null", 1, m->head_branch,
			      sizeof m->head_branch)) {
			if (!m->ci_branch)
				return cli_git_branch(cmd, m->head_branch, sizeof m->head_branch);
			snprintf(m->head_branch, sizeof m->head_branch, "%s", m->ci_branch);
		}
		m->branch = m->head_branch;
	}
	return code;
}

int cli_tag_parse(const char *cmd, const char *value, bdb_kv *tag, char **copy)
{
	char what[64];
	snprintf(what, sizeof what, "%s: --tag", cmd);
	if (!cli_text_ok(what, value))
		return EXIT_USAGE;
	const char *eq = strchr(value, '=');
	if (!eq || eq == value) {
		cli_error("%s: --tag: expected KEY=VALUE, got '%s'", cmd, value);
		return EXIT_USAGE;
	}
	*copy = strdup(value);
	if (!*copy)
		return EXIT_INPUT;
	(*copy)[eq - value] = '\0';
	tag->key = *copy;
	tag->value = *copy + (eq - value) + 1;
	return EXIT_OK;
}
