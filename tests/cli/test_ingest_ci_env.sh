#!/usr/bin/env bash
# tests/cli/test_ingest_ci_env.sh - commit and branch from the CI environment
# when neither --commit/--branch nor the file give them; --commit auto;
# --no-env (issue 23, item 11).
. "$(dirname "$0")/lib.sh"
DB=$WORK/db
export BENCHDB_DIR=$DB
H=$FIXTURES/hyperfine.json # no commit, no branch

# commit_branch ID: "commit,branch" of the stored run ID.
commit_branch() {
	"$BENCHDB" -c "show runs as csv" | awk -F, -v id="$1" '$1 == id {print $3 "," $4}'
}

run env GITHUB_SHA=1111111111111111111111111111111111111111 GITHUB_REF_NAME=main \
	"$BENCHDB" ingest --id gh-push "$H"
check_rc "GitHub Actions push: ingests" 0
check "GitHub Actions: GITHUB_SHA and GITHUB_REF_NAME" \
	test "$(commit_branch gh-push)" = "1111111111111111111111111111111111111111,main"
run env GITHUB_SHA=2222222 GITHUB_HEAD_REF=feature/x GITHUB_REF_NAME=12/merge \
	"$BENCHDB" ingest --id gh-pr "$H"
check "GitHub Actions pull request: GITHUB_HEAD_REF wins" test "$(commit_branch gh-pr)" = "2222222,feature/x"
run env GITHUB_SHA=2222222 GITHUB_HEAD_REF= GITHUB_REF_NAME=main "$BENCHDB" ingest --id gh-empty "$H"
check "an empty GITHUB_HEAD_REF (push) falls back to GITHUB_REF_NAME" \
	test "$(commit_branch gh-empty)" = "2222222,main"
run env CI_COMMIT_SHA=3333333 CI_COMMIT_REF_NAME=develop "$BENCHDB" ingest --id gl "$H"
check "GitLab: CI_COMMIT_SHA, CI_COMMIT_REF_NAME" test "$(commit_branch gl)" = "3333333,develop"
run env BUILDKITE_COMMIT=4444444 BUILDKITE_BRANCH=bk "$BENCHDB" ingest --id bk "$H"
check "Buildkite: BUILDKITE_COMMIT, BUILDKITE_BRANCH" test "$(commit_branch bk)" = "4444444,bk"
run env CIRCLE_SHA1=5555555 CIRCLE_BRANCH=cc "$BENCHDB" ingest --id cc "$H"
check "CircleCI: CIRCLE_SHA1, CIRCLE_BRANCH" test "$(commit_branch cc)" = "5555555,cc"
run env GIT_COMMIT=6666666 GIT_BRANCH=origin/release "$BENCHDB" ingest --id jk "$H"
check "Jenkins: GIT_COMMIT, GIT_BRANCH without origin/" test "$(commit_branch jk)" = "6666666,release"

# The command line wins over the environment, and the file too.
run env GITHUB_SHA=7777777 GITHUB_REF_NAME=main "$BENCHDB" ingest --id opt --commit abcdef0 --branch b "$H"
check "--commit and --branch win over the environment" test "$(commit_branch opt)" = "abcdef0,b"
run env GITHUB_SHA=7777777 GITHUB_REF_NAME=main "$BENCHDB" ingest --id file "$FIXTURES/pytest/versioned.json"
check "the file's own commit and branch win over the environment" \
	test "$(commit_branch file)" = "5d41402abc4b2a76b9719d911017c592ae7e1d2f,feature/radix"
run env GITHUB_SHA=7777777 GITHUB_REF_NAME=main "$BENCHDB" ingest --no-env --id noenv "$H"
check_rc "--no-env ingests" 0
check "--no-env: no commit, no branch" test "$(commit_branch noenv)" = ","

# A tag push: GITHUB_REF_NAME (GitLab's CI_COMMIT_REF_NAME, Buildkite's
# BUILDKITE_BRANCH) is the tag's name, which was stored as the run's branch
# "v1.0": a branch no one pushes to, and `check --against-branch` never saw
# the release's run. A tag build gives the commit and no branch.
run env GITHUB_SHA=aaaaaa1 GITHUB_REF_TYPE=tag GITHUB_REF_NAME=v1.0 GITHUB_REF=refs/tags/v1.0 \
	"$BENCHDB" ingest --id gh-tag "$H"
check_rc "GitHub tag push: ingests" 0
check "GitHub tag push: the commit, no branch v1.0" test "$(commit_branch gh-tag)" = "aaaaaa1,"
run env GITHUB_SHA=aaaaaa2 GITHUB_REF_TYPE=branch GITHUB_REF_NAME=main "$BENCHDB" ingest --id gh-branch "$H"
check "GitHub branch push (GITHUB_REF_TYPE=branch): the branch" \
	test "$(commit_branch gh-branch)" = "aaaaaa2,main"
run env CI_COMMIT_SHA=aaaaaa3 CI_COMMIT_REF_NAME=v1.0 CI_COMMIT_TAG=v1.0 "$BENCHDB" ingest --id gl-tag "$H"
check "GitLab tag pipeline (CI_COMMIT_TAG): no branch" test "$(commit_branch gl-tag)" = "aaaaaa3,"
run env BUILDKITE_COMMIT=aaaaaa4 BUILDKITE_BRANCH=v1.0 BUILDKITE_TAG=v1.0 "$BENCHDB" ingest --id bk-tag "$H"
check "Buildkite tag build (BUILDKITE_TAG): no branch" test "$(commit_branch bk-tag)" = "aaaaaa4,"
run env CIRCLE_SHA1=aaaaaa5 CIRCLE_TAG=v1.0 "$BENCHDB" ingest --id cc-tag "$H"
check "CircleCI tag build: the commit, no branch" test "$(commit_branch cc-tag)" = "aaaaaa5,"
run env GITHUB_SHA=aaaaaa6 GITHUB_REF_TYPE=tag GITHUB_REF_NAME=v1.0 "$BENCHDB" ingest --id gh-tag-b --branch release "$H"
check "a tag push with --branch: the branch given" test "$(commit_branch gh-tag-b)" = "aaaaaa6,release"

# A pull request from a fork: GITHUB_HEAD_REF is the fork's branch name, which
# is often the base's own ("main"). Stored as "main", a fork's runs became the
# base of `check --against-branch main`: the fork's second commit was judged
# against its first and passed a +100% regression. The fork's branch is stored
# as GitHub shows it, OWNER:BRANCH (head.label of the event file); ':' is in no
# git branch name, so it cannot be one of the repository's branches.
cat >"$WORK/fork-event.json" <<'EOF'
{"pull_request": {"number": 7,
  "head": {"label": "alice:main", "ref": "main", "repo": {"full_name": "alice/proj"}},
  "base": {"label": "acme:main", "ref": "main", "repo": {"full_name": "acme/proj"}}}}
EOF
cat >"$WORK/same-event.json" <<'EOF'
{"pull_request": {"number": 8,
  "head": {"label": "acme:feature", "ref": "feature", "repo": {"full_name": "acme/proj"}},
  "base": {"label": "acme:main", "ref": "main", "repo": {"full_name": "acme/proj"}}}}
EOF
GHPR=(GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request GITHUB_REPOSITORY=acme/proj
	GITHUB_REF=refs/pull/7/merge GITHUB_REF_NAME=7/merge GITHUB_BASE_REF=main)
run env "${GHPR[@]}" GITHUB_SHA=8888888 GITHUB_HEAD_REF=main GITHUB_EVENT_PATH="$WORK/fork-event.json" \
	"$BENCHDB" ingest --id gh-fork "$H"
check_rc "GitHub pull request from a fork: ingests" 0
check "a fork's branch is OWNER:BRANCH, not the base's 'main'" \
	test "$(commit_branch gh-fork)" = "8888888,alice:main"
run env "${GHPR[@]}" GITHUB_SHA=8888889 GITHUB_HEAD_REF=feature GITHUB_EVENT_PATH="$WORK/same-event.json" \
	"$BENCHDB" ingest --id gh-same "$H"
check "a pull request within the repository keeps its branch" \
	test "$(commit_branch gh-same)" = "8888889,feature"
run env "${GHPR[@]}" GITHUB_SHA=888888a GITHUB_HEAD_REF=main GITHUB_EVENT_PATH="$WORK/none.json" \
	"$BENCHDB" ingest --id gh-noevent "$H"
check "without the event file, a head branch named as the base is a fork's" \
	test "$(commit_branch gh-noevent)" = "888888a,fork:main"
run env GITLAB_CI=true CI_COMMIT_SHA=999999a CI_COMMIT_REF_NAME=main \
	CI_MERGE_REQUEST_SOURCE_PROJECT_PATH=alice/proj CI_MERGE_REQUEST_PROJECT_PATH=acme/proj \
	CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main "$BENCHDB" ingest --id gl-fork "$H"
check "GitLab merge request from a fork: SOURCE_PROJECT:BRANCH" \
	test "$(commit_branch gl-fork)" = "999999a,alice/proj:main"
run env GITLAB_CI=true CI_COMMIT_SHA=999999b CI_COMMIT_REF_NAME=feature \
	CI_MERGE_REQUEST_SOURCE_PROJECT_PATH=acme/proj CI_MERGE_REQUEST_PROJECT_PATH=acme/proj \
	"$BENCHDB" ingest --id gl-same "$H"
check "GitLab merge request within the project keeps its branch" \
	test "$(commit_branch gl-same)" = "999999b,feature"

# The gate: the fork's second commit is judged against main, not its first.
GDB=$WORK/forkgate
for r in m1:1:100 f1:2:200 f2:3:201; do
	IFS=: read -r id day v <<<"$r"
	printf '{"id":"%s","timestamp":"2026-01-0%sT00:00:00Z","metric_defs":{"time":{"unit":"ns","direction":"lower"}},"points":[{"name":"k","metrics":{"time":{"value":%s}}}]}' \
		"$id" "$day" "$v" >"$WORK/$id.json"
done
env GITHUB_SHA=c1 GITHUB_REF_NAME=main "$BENCHDB" --db "$GDB" ingest "$WORK/m1.json" >/dev/null
for f in f1 f2; do
	env "${GHPR[@]}" GITHUB_SHA=$f GITHUB_HEAD_REF=main GITHUB_EVENT_PATH="$WORK/fork-event.json" \
		"$BENCHDB" --db "$GDB" ingest "$WORK/$f.json" >/dev/null
done
run "$BENCHDB" --db "$GDB" check --commit f2 --against-branch main
check_rc "a fork's second commit, +101% from main, fails the gate" 1
check_out "judged against main's run (100 -> 201)" "k time: 100.00 → 201.00 (+101.0%)"

# A value that is not one line of text is refused, naming the variable.
run env GITHUB_SHA=$'a\nb' "$BENCHDB" ingest --id bad "$H"
check_rc "a control character in GITHUB_SHA exits 2" 2
check_err "the variable is named" 'ingest: $GITHUB_SHA: contains a control character'

# --commit auto: git rev-parse HEAD.
if command -v git >/dev/null; then
	mkdir -p "$WORK/repo"
	(cd "$WORK/repo" && git init -q . && git -c user.name=t -c user.email=t@example.com \
		commit -q --allow-empty -m init) >/dev/null 2>&1
	SHA=$(git -C "$WORK/repo" rev-parse HEAD)
	(cd "$WORK/repo" && "$BENCHDB" ingest --id auto --commit auto "$H") >"$OUT" 2>"$ERR"
	check "--commit auto takes git rev-parse HEAD" test "$(commit_branch auto)" = "$SHA,"
	mkdir -p "$WORK/nogit"
	(cd "$WORK/nogit" && GIT_CEILING_DIRECTORIES=$WORK "$BENCHDB" ingest --id auto2 --commit auto "$H") \
		>"$OUT" 2>"$ERR"
	RC=$?
	check_rc "--commit auto outside a checkout exits 3" 3
	check_err "it says there is no commit" "--commit auto: 'git rev-parse HEAD' found no commit here"
	check_err "with git's own reason" "(fatal: not a git repository"
	# A checkout owned by another user (a container job of GitHub Actions):
	# git refuses it, and the error said "not a git checkout, or git is not
	# installed". Root can make one; git ignores safe.directory of $HOME here.
	if [ "$(id -u)" -eq 0 ]; then
		cp -r "$WORK/repo" "$WORK/theirs"
		chown -R 65534:65534 "$WORK/theirs"
		(cd "$WORK/theirs" && "$BENCHDB" ingest --id auto3 --commit auto "$H") >"$OUT" 2>"$ERR"
		RC=$?
		check_rc "--commit auto in another user's checkout exits 3" 3
		check_err "it says git refused it, and how to allow it" \
			"(fatal: detected dubious ownership in repository at '$WORK/theirs': a checkout of another user, as in a container job; git config --global --add safe.directory DIR allows it)"
	fi
fi

finish
