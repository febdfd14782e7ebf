#!/usr/bin/env bash
# The test command of SecopPortal: ./scripts/test.sh [extra dotnet test args]
#
#   ./scripts/test.sh                          # whole suite
#   ./scripts/test.sh --filter Category=Fast   # extra args go to `dotnet test`
#
# What it does:
#   1. installs the system packages the suite needs when missing (Debian apt):
#      postgresql, chromium, fonts-dejavu-core, fonts-liberation, poppler-utils,
#      python3-aiosmtpd (the real SMTP server of the mail tests), nginx (the TLS proxy
#      of the two-instance test; its service is never started: policy-rc.d, lib.sh);
#   2. starts a throwaway PostgreSQL cluster in a temp dir on a free port
#      (stopped and deleted on exit, also on failure or Ctrl-C);
#   3. builds the solution once (Release) and runs every test project with
#      VSTest, one .trx per project in artifacts/test-results/;
#   4. sums the .trx counters and prints, as the very last line,
#      "N passed, N failed, N skipped".
#
# Environment handed to the tests:
#   SECOPPORTAL_TEST_POSTGRES  admin connection string; tests create their own
#                              databases from it (if already set, that server is
#                              used and no throwaway cluster is started)
#   SECOPPORTAL_CHROMIUM       /usr/bin/chromium (never downloaded at run time)
#   SECOPPORTAL_SMTP_PYTHON    /usr/bin/python3, Debian's, which has aiosmtpd (not
#                              another python3 that may come first on the PATH)
#   SECOPPORTAL_NGINX          /usr/sbin/nginx, Debian's; the tests run it as the current
#                              user with their own configuration (NginxProxy)
#   SECOPPORTAL_ARTIFACTS      <repo>/artifacts (screenshots in ./screenshots)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd -P)
# now, since, log, as_pg, apt_get, install_missing_debs, free_port, pg_start_cluster, pg_stop_cluster
source "$REPO_ROOT/scripts/lib.sh"
SCRIPT_START=$(now)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ -n "${CI:-}" ]]; then
    # No MSBuild worker processes may outlive the CI job.
    export MSBUILDDISABLENODEREUSE=1
fi

SUMMARY_PRINTED=0
STAGE="start-up"
BUILD_SERVERS_STOPPED=0

cleanup() {
    pg_stop_cluster
    if [[ -n "$PG_TMP" ]]; then
        rm -rf "$PG_TMP"
        PG_TMP=""
        PG_DATA=""
    fi
    remove_policy_rc
    if [[ -n "${CI:-}" && $BUILD_SERVERS_STOPPED -eq 0 ]]; then
        BUILD_SERVERS_STOPPED=1
        dotnet build-server shutdown >/dev/null 2>&1 || true
    fi
}

on_exit() {
    local rc=$?
    untrap_exit_and_signals
    cleanup
    if [[ $SUMMARY_PRINTED -eq 0 ]]; then
        # Aborted before any test ran (install, Postgres or build failure).
        echo "ABORTED during $STAGE (exit code $rc); no test results" >&2
        echo "Total time: $(since "$SCRIPT_START")s"
        echo "0 passed, 0 failed, 0 skipped"
        [[ $rc -eq 0 ]] && rc=1
    fi
    exit "$rc"
}
trap_exit_and_signals on_exit

# ---------------------------------------------------------------------------
# 1. System packages
# ---------------------------------------------------------------------------
STAGE="system package check"
MISSING=()
if [[ -z "${SECOPPORTAL_TEST_POSTGRES:-}" && -z "$(pg_bin_dir)" ]]; then
    MISSING+=(postgresql)
fi
[[ -x /usr/bin/chromium ]] || MISSING+=(chromium)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || deb_installed fonts-dejavu-core \
    || MISSING+=(fonts-dejavu-core)
[[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ]] || deb_installed fonts-liberation \
    || MISSING+=(fonts-liberation)
command -v pdftoppm >/dev/null 2>&1 || MISSING+=(poppler-utils)
SMTP_PYTHON=/usr/bin/python3
{ [[ -x $SMTP_PYTHON ]] && "$SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1; } || MISSING+=(python3-aiosmtpd)
NGINX=/usr/sbin/nginx
[[ -x $NGINX ]] || MISSING+=(nginx)

if ((${#MISSING[@]} > 0)); then
    STAGE="apt-get install ${MISSING[*]}"
    install_missing_debs "${MISSING[@]}"
else
    log "System packages already present (postgresql, chromium, fonts, poppler-utils, python3-aiosmtpd, nginx)"
fi

# ---------------------------------------------------------------------------
# 2. Throwaway PostgreSQL
# ---------------------------------------------------------------------------
if [[ -n "${SECOPPORTAL_TEST_POSTGRES:-}" ]]; then
    log "Using the PostgreSQL server given in SECOPPORTAL_TEST_POSTGRES"
else
    STAGE="PostgreSQL start"
    pg_start_cluster "$(mktemp -d "${TMPDIR:-/tmp}/secopportal-pg.XXXXXX")" \
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    export SECOPPORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"
fi

export SECOPPORTAL_CHROMIUM=/usr/bin/chromium
export SECOPPORTAL_SMTP_PYTHON=$SMTP_PYTHON
export SECOPPORTAL_NGINX=$NGINX
export SECOPPORTAL_ARTIFACTS="$REPO_ROOT/artifacts"
RESULTS_DIR="$SECOPPORTAL_ARTIFACTS/test-results"
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR" "$SECOPPORTAL_ARTIFACTS/screenshots"

# ---------------------------------------------------------------------------
# 3. Build once, then test
# ---------------------------------------------------------------------------
STAGE="build"
log "Building SecopPortal.sln (Release)"
t=$(now)
dotnet build SecopPortal.sln -c Release
log "Build took $(since "$t")s"

STAGE="test run"
log "Running tests${*:+ (extra args: $*)}"
t=$(now)
TEST_LOG="$RESULTS_DIR/dotnet-test.log"
set +e
# Plain `trx` (no LogFileName): VSTest names each project's file uniquely
# (a fixed LogFileName would be overwritten by every project).
dotnet test SecopPortal.sln -c Release --no-build \
    --results-directory "$RESULTS_DIR" \
    --logger trx \
    --logger "console;verbosity=normal" \
    "$@" 2>&1 | tee "$TEST_LOG"
TEST_RC=${PIPESTATUS[0]}
set -e
log "dotnet test exited with code $TEST_RC after $(since "$t")s"

# ---------------------------------------------------------------------------
# 4. Summary from the .trx files
# ---------------------------------------------------------------------------
STAGE="summary"
shopt -s nullglob
TRX_FILES=("$RESULTS_DIR"/*.trx)
shopt -u nullglob

# Attribute value from a TRX <Counters .../> element (0 when absent).
counter() {
    local v
    v=$(sed -n "s/.*[[:space:]]$2=\"\([0-9]*\)\".*/\1/p" <<<"$1" | head -n 1)
    echo "${v:-0}"
}

PASSED=0 FAILED=0 SKIPPED=0
PROBLEMS=()
for f in "${TRX_FILES[@]}"; do
    c=$(tr '\n' ' ' <"$f" | grep -o '<Counters[^>]*>' | head -n 1 || true)
    if [[ -z "$c" ]]; then
        PROBLEMS+=("no <Counters> element in $(basename "$f")")
        continue
    fi
    p=$(counter "$c" passed)
    fl=$(($(counter "$c" failed) + $(counter "$c" error) + $(counter "$c" timeout) + $(counter "$c" aborted)))
    # xunit skips are counted in total but not in executed; notExecuted stays 0.
    s=$(($(counter "$c" total) - $(counter "$c" executed)))
    ne=$(counter "$c" notExecuted)
    ((s >= ne)) || s=$ne
    # Test assembly (from the first test's storage path), else the file name.
    storage=$(grep -o 'storage="[^"]*"' "$f" | head -n 1 | sed 's/storage="\(.*\)"/\1/' || true)
    printf '    %-40s %4d passed, %4d failed, %4d skipped\n' "$(basename "${storage:-$f}")" "$p" "$fl" "$s"
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + fl))
    SKIPPED=$((SKIPPED + s))
done

# Every "Results File: ….trx" VSTest announced must still be there.
announced=$(grep -c 'Results File: .*\.trx' "$TEST_LOG" || true)
if ((${#TRX_FILES[@]} == 0)); then
    PROBLEMS+=("no .trx file was produced in $RESULTS_DIR")
elif ((${#TRX_FILES[@]} < announced)); then
    PROBLEMS+=("VSTest announced $announced .trx files but only ${#TRX_FILES[@]} exist (results overwritten)")
fi
((TEST_RC == 0)) || PROBLEMS+=("dotnet test exited with code $TEST_RC")
((FAILED == 0)) || PROBLEMS+=("$FAILED test(s) failed")
((PASSED > 0)) || PROBLEMS+=("no test passed")

cleanup
for problem in "${PROBLEMS[@]}"; do
    echo "ERROR: $problem" >&2
done
echo "Results: ${#TRX_FILES[@]} .trx file(s) in ${RESULTS_DIR#"$REPO_ROOT"/}"
echo "Total time: $(since "$SCRIPT_START")s"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
SUMMARY_PRINTED=1
((${#PROBLEMS[@]} == 0)) || exit 1
