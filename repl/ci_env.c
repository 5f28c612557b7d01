/* ci_env.c - the commit and branch a CI job builds, from its environment or git. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * The CI services whose variables are read, in this order; the first whose
 * commit or branch variable is set (and not empty) gives both. Documented
 * in docs/cli.md ("Commit and branch from CI").
 */
static const struct ci_vars {
	const char *service;
	const char *commit;
	const char *branches[2]; /* the first set one wins */
	const char *strip;	 /* a prefix removed from the branch */
} ci_services[] = {
    {"GitHub Actions", "GITHUB_SHA", {"GITHUB_HEAD_REF", "GITHUB_REF_NAME"}, NULL},
    {"GitLab CI", "CI_COMMIT_SHA", {"CI_COMMIT_REF_NAME", NULL}, NULL},
    {"Buildkite", "BUILDKITE_COMMIT", {"BUILDKITE_BRANCH", NULL}, NULL},
    {"CircleCI", "CIRCLE_SHA1", {"CIRCLE_BRANCH", NULL}, NULL},
    {"Jenkins", "GIT_COMMIT", {"GIT_BRANCH", NULL}, "origin/"},
};

static const char *set_var(const char *name)
{
	const char *v = name ? getenv(name) : NULL;
	return v && *v ? v : NULL;
}

int cli_ci_metadata(const char **commit, const char **branch)
{
	*commit = *branch = NULL;
	for (size_t i = 0; i < sizeof ci_services / sizeof *ci_services; i++) {
		const struct ci_vars *ci = &ci_services[i];
		const char *c = set_var(ci->commit), *b = set_var(ci->branches[0]);
		if (!b)
			b = set_var(ci->branches[1]);
		if (!c && !b)
			continue;
		if (b && ci->strip && strncmp(b, ci->strip, strlen(ci->strip)) == 0 &&
		    b[strlen(ci->strip)])
			b += strlen(ci->strip);
		char what[64];
		snprintf(what, sizeof what, "ingest: $%s", ci->commit);
		if (c && !cli_text_ok(what, c))
			return EXIT_USAGE;
		snprintf(what, sizeof what, "ingest: %s's branch", ci->service);
		if (b && !cli_text_ok(what, b))
			return EXIT_USAGE;
		*commit = c;
		*branch = b;
		return EXIT_OK;
	}
	return EXIT_OK;
}

int cli_git_head(char *sha, size_t size)
{
	/* A fixed command: nothing of the user's reaches the shell. */
	FILE *p = popen("git rev-parse --verify -q HEAD 2>/dev/null", "r");
	if (!p) {
		cli_error("ingest: --commit auto: cannot run git");
		return EXIT_INPUT;
	}
	char line[128] = "";
	bool got = fgets(line, sizeof line, p) != NULL;
	int status = pclose(p);
	line[strcspn(line, "\r\n")] = '\0';
	if (!got || status != 0 || strlen(line) < 7 || strlen(line) >= size) {
		cli_error("ingest: --commit auto: 'git rev-parse HEAD' found no commit here "
			  "(not a git checkout, or git is not installed)");
		return EXIT_INPUT;
	}
	memcpy(sha, line, strlen(line) + 1);
	return EXIT_OK;
}
