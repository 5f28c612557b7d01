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
fi

finish
