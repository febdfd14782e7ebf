#!/usr/bin/env bash
# The soak of SecopPortal (issue 10 item 7; not run by CI): ./scripts/soak.sh [options]
#
#   --minutes M      how long the traffic runs (default 30; decimals allowed, e.g. 0.5 to try it)
#   --clients N      concurrent virtual users (default 8)
#   --think-ms T     average pause of a user between two requests, uniform 0..2T (default 300)
#
# What it does:
#   1. installs postgresql, nginx and fonts-dejavu-core with apt-get when missing (no service is started);
#   2. starts a throwaway PostgreSQL on a free loopback port (stopped and deleted at the end);
#   3. builds the portal and bench/SecopPortal.Bench (Release);
#   4. `SecopPortal.Bench soak`: starts two portal processes in Production (one fresh database, migrated and seeded
#      with the demo data by both at once, one document folder, one Data Protection keys folder) behind nginx
#      terminating TLS with a self-signed certificate, and runs mixed traffic through nginx's round-robin port:
#      contractors filing (Crear a draft, Anexar a PDF or a JPEG, download it, Borrar the draft), contractors reading
#      (Mis contratos, a contract, a request, attachments, the cuenta de cobro PDF, execution documents,
#      notifications), the supervisor (Cuentas por revisar, a request, contracts) and anonymous visitors (public
#      search and contract, its documents, open data CSV and OCDS, the country's Plan de pagos); signed-in users sign
#      out and back in every fourth round;
#   5. prints the report: requests per kind (count, errors, p50/p95/max ms), every error (any 5xx, no answer,
#      unexpected status or content; goal 0), each instance's VmRSS sampled every 10 s (start, baseline = average of
#      the minute after a 3-minute warm-up, final = average of the last 5 minutes, end, peak, growth; goal < 10%),
#      ERR/FTL lines the instances logged, and a PASS/FAIL line per goal.
# Everything is written to artifacts/soak/<UTC time>/ (soak.log, report.txt, errors.txt, rss.csv, the portals' and
# nginx's logs); artifacts/soak/latest points there. Exit code 0 when every goal is met, 3 when one is not.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd -P)
# now, since, log, install_missing_debs, pg_start_cluster, pg_stop_cluster, remove_policy_rc
source "$REPO_ROOT/scripts/lib.sh"
SCRIPT_START=$(now)

MINUTES=30
CLIENTS=8
THINK_MS=300
while (($# > 0)); do
    case "$1" in
        --minutes) MINUTES=$2; shift 2 ;;
        --clients) CLIENTS=$2; shift 2 ;;
        --think-ms) THINK_MS=$2; shift 2 ;;
        -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$MINUTES" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "--minutes takes a number" >&2; exit 2; }
[[ "$CLIENTS" =~ ^[0-9]+$ && "$THINK_MS" =~ ^[0-9]+$ ]] || { echo "--clients and --think-ms take whole numbers" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
OUT_DIR="$REPO_ROOT/artifacts/soak/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT_DIR"
exec > >(tee "$OUT_DIR/soak.log") 2>&1
ln -sfn "$OUT_DIR" "$REPO_ROOT/artifacts/soak/latest"

SOAK_PID=""
cleanup() {
    if [[ -n "$SOAK_PID" ]] && kill -0 "$SOAK_PID" 2>/dev/null; then
        # The driver stops the traffic, writes its report and stops the portals and nginx it started.
        kill -TERM "$SOAK_PID" 2>/dev/null || true
        local i
        for ((i = 0; i < 120; i++)); do
            kill -0 "$SOAK_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -KILL "$SOAK_PID" 2>/dev/null || true
    fi
    SOAK_PID=""
    pg_stop_cluster
    [[ -n "$PG_TMP" ]] && rm -rf "$PG_TMP"
    PG_TMP=""
    PG_DATA=""
    remove_policy_rc
}
on_exit() {
    local rc=$?
    untrap_exit_and_signals
    cleanup
    ((rc == 0)) || echo "soak ended with exit code $rc after $(since "$SCRIPT_START")s; output in ${OUT_DIR#"$REPO_ROOT"/}" >&2
    exit "$rc"
}
trap_exit_and_signals on_exit

# ---------------------------------------------------------------------------
# 1. System packages
# ---------------------------------------------------------------------------
MISSING=()
[[ -n "$(pg_bin_dir)" ]] || MISSING+=(postgresql)
NGINX=/usr/sbin/nginx
[[ -x $NGINX ]] || MISSING+=(nginx)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || MISSING+=(fonts-dejavu-core)
if ((${#MISSING[@]} > 0)); then
    install_missing_debs "${MISSING[@]}"
fi
log "nginx: $("$NGINX" -v 2>&1)"

# ---------------------------------------------------------------------------
# 2. Throwaway PostgreSQL (the portal's data is thrown away at the end: no durability needed)
# ---------------------------------------------------------------------------
pg_start_cluster "$(mktemp -d "${TMPDIR:-/tmp}/secopportal-soak-pg.XXXXXX")" \
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
ADMIN_CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=postgres"

# ---------------------------------------------------------------------------
# 3. Build (Release)
# ---------------------------------------------------------------------------
log "Building the portal and the soak driver (Release)"
t=$(now)
for project in src/SecopPortal.Web bench/SecopPortal.Bench; do
    dotnet build "$project" -c Release -v quiet -nologo -clp:NoSummary
done
log "Build took $(since "$t")s"
BENCH_DLL="$REPO_ROOT/bench/SecopPortal.Bench/bin/Release/net10.0/SecopPortal.Bench.dll"

# ---------------------------------------------------------------------------
# 4-5. Two instances behind nginx, traffic, report
# ---------------------------------------------------------------------------
log "Soak: $MINUTES min, $CLIENTS virtual users (output in ${OUT_DIR#"$REPO_ROOT"/})"
dotnet "$BENCH_DLL" soak --connection "$ADMIN_CS" --out "$OUT_DIR" --minutes "$MINUTES" --clients "$CLIENTS" \
    --think-ms "$THINK_MS" --nginx "$NGINX" &
SOAK_PID=$!
set +e
wait "$SOAK_PID"
RC=$?
set -e
SOAK_PID=""
log "Soak done in $(since "$SCRIPT_START")s; report in ${OUT_DIR#"$REPO_ROOT"/}/report.txt"
exit "$RC"
