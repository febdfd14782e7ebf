#!/usr/bin/env bash
# The benchmark of SecopPortal at national size: ./scripts/bench.sh [options]
#
#   --contracts N        generic contracts to load (default 200000; SECOP II has about 2000000)
#   --duration S         seconds of each wrk run (default 10)
#   --rounds R           portal/baseline alternations per page and concurrency (default 2)
#   --conns LIST         wrk connections, comma-separated (default 8,64)
#   --pages LIST         only these pages (detail,inbox,contracts,admin-search,public-search,public-number,public-detail,
#                        audit,audit-filtered,open-data-csv)
#   --keep               keep the cluster and its data in /var/tmp/secopportal-bench/N for a rerun
#   --skip-load          reuse the cluster kept by an earlier --keep run of the same N (no load; only new migrations)
#
# What it does:
#   1. installs wrk and postgresql with apt-get when missing;
#   2. starts a throwaway PostgreSQL 2-core/24 GB-sized (pg_stat_statements loaded, fsync off) on a free port;
#   3. builds the portal and bench/ (Release), migrates with the portal's own `migrate` command;
#   4. bulk-loads the data set (bench/SecopPortal.Bench `load`: set-based SQL, indexes rebuilt after), timed; then, for
#      the audit pages (Administración → Auditoría, first page and one user's), fills the append-only audit log up to
#      25 entries per contract (`audit-load`: set-based INSERT with its indexes and triggers in place; nothing when a
#      kept cluster holds them already), timed;
#   5. starts the portal in Production behind a pretend TLS proxy (X-Forwarded-Proto: https) and the baseline
#      (bench/SecopPortal.Bench.Baseline: raw Npgsql + StringBuilder, no auth) on free loopback ports;
#   6. per page: signs in through the real form, checks portal and baseline pages, counts SQL statements per
#      page (pg_stat_statements), drives wrk at each concurrency alternating portal and baseline, checks again;
#   7. prints a markdown table and one `bench: page=… conns=… portal_rps=… …` line per page and concurrency.
#   8. streams the whole country's public Plan de pagos (open-data-csv) from the portal and from the baseline, alternating:
#      rows/s, time to the first byte and the portal's memory while it streams (`bench: page=open-data-csv …`).
# Everything printed is also written to artifacts/bench/ (with the pages' HTML and each page's top statements).
#
# "Todos los documentos en un PDF" has a benchmark of its own, standalone (SQLite, no PostgreSQL, nothing shared with
# this script's cluster): ./scripts/bench-documents.sh — merged download vs. the same files downloaded one by one,
# wall time and the portal process's memory growth (see docs/adr/0008-benchmark.md).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd -P)
source "$REPO_ROOT/scripts/lib.sh"
SCRIPT_START=$(now)

CONTRACTS=200000
DURATION=10
ROUNDS=2
CONNS=8,64
PAGES=""
KEEP=0
SKIP_LOAD=0
OPEN_DATA_SECONDS=120
while (($# > 0)); do
    case "$1" in
        --contracts) CONTRACTS=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --conns) CONNS=$2; shift 2 ;;
        --pages) PAGES=$2; shift 2 ;;
        --open-data-seconds) OPEN_DATA_SECONDS=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        --skip-load) SKIP_LOAD=1; KEEP=1; shift ;;
        -h | --help) sed -n '2,32p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$CONTRACTS" =~ ^[0-9]+$ ]] || { echo "--contracts takes a number" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
OUT_DIR="$REPO_ROOT/artifacts/bench/$CONTRACTS-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT_DIR"
exec > >(tee "$OUT_DIR/bench.log") 2>&1
ln -sfn "$OUT_DIR" "$REPO_ROOT/artifacts/bench/latest"

PORTAL_PID=""
BASELINE_PID=""
RUN_DIR=""
cleanup() {
    local pid
    for pid in "$PORTAL_PID" "$BASELINE_PID"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    PORTAL_PID=""
    BASELINE_PID=""
    if [[ $KEEP -eq 1 ]]; then
        pg_stop_cluster fast
        [[ -n "$PG_TMP" ]] && log "Kept the cluster in $PG_TMP (rerun with --skip-load --contracts $CONTRACTS)"
    else
        pg_stop_cluster
        [[ -n "$PG_TMP" ]] && rm -rf "$PG_TMP"
    fi
    PG_TMP=""
    PG_DATA=""
    [[ -n "$RUN_DIR" ]] && rm -rf "$RUN_DIR"
    RUN_DIR=""
    remove_policy_rc
}
on_exit() {
    local rc=$?
    untrap_exit_and_signals
    cleanup
    ((rc == 0)) || echo "BENCH FAILED (exit code $rc) after $(since "$SCRIPT_START")s; output in ${OUT_DIR#"$REPO_ROOT"/}" >&2
    exit "$rc"
}
trap_exit_and_signals on_exit

# ---------------------------------------------------------------------------
# 1. System packages
# ---------------------------------------------------------------------------
MISSING=()
command -v wrk >/dev/null 2>&1 || MISSING+=(wrk)
[[ -n "$(pg_bin_dir)" ]] || MISSING+=(postgresql)
command -v psql >/dev/null 2>&1 || MISSING+=(postgresql-client)
if ((${#MISSING[@]} > 0)); then
    install_missing_debs "${MISSING[@]}"
fi

# ---------------------------------------------------------------------------
# 2. PostgreSQL sized for this 2-core / 24 GB machine (a benchmark database: no durability)
# ---------------------------------------------------------------------------
KEEP_DIR="/var/tmp/secopportal-bench/$CONTRACTS"
if [[ $SKIP_LOAD -eq 1 ]]; then
    [[ -f "$KEEP_DIR/dataset.json" ]] || { echo "no kept data set in $KEEP_DIR: run once with --keep" >&2; exit 1; }
    CLUSTER_DIR=$KEEP_DIR
elif [[ $KEEP -eq 1 ]]; then
    [[ -d "$KEEP_DIR" ]] && rm -rf "$KEEP_DIR"
    mkdir -p "$KEEP_DIR"
    CLUSTER_DIR=$KEEP_DIR
else
    CLUSTER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/secopportal-bench.XXXXXX")
fi
pg_start_cluster "$CLUSTER_DIR" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off \
 -c max_connections=250 -c shared_buffers=3GB -c effective_cache_size=12GB -c work_mem=16MB \
 -c maintenance_work_mem=1GB -c max_wal_size=16GB -c checkpoint_timeout=30min -c wal_level=minimal -c max_wal_senders=0 \
 -c max_parallel_workers_per_gather=2 -c max_parallel_maintenance_workers=2 -c random_page_cost=1.1 \
 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top -c pg_stat_statements.max=10000 \
 -c autovacuum=off"
ADMIN_CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=secop;Timeout=60;Command Timeout=0"
PORTAL_CS="Host=127.0.0.1;Port=$PG_PORT;Username=portal;Password=portal;Database=secop"
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

# ---------------------------------------------------------------------------
# 3. Build (Release) and migrate with the portal's own command
# ---------------------------------------------------------------------------
log "Building the portal and the benchmark (Release)"
t=$(now)
for project in src/SecopPortal.Web bench/SecopPortal.Bench bench/SecopPortal.Bench.Baseline; do
    dotnet build "$project" -c Release -v quiet -nologo -clp:NoSummary
done
log "Build took $(since "$t")s"
WEB_DIR="$REPO_ROOT/src/SecopPortal.Web"
WEB_DLL="$WEB_DIR/bin/Release/net10.0/SecopPortal.Web.dll"
BENCH_DLL="$REPO_ROOT/bench/SecopPortal.Bench/bin/Release/net10.0/SecopPortal.Bench.dll"
BASELINE_DLL="$REPO_ROOT/bench/SecopPortal.Bench.Baseline/bin/Release/net10.0/SecopPortal.Bench.Baseline.dll"

if [[ $SKIP_LOAD -eq 0 ]]; then
    psql_admin -d postgres -c "CREATE ROLE portal LOGIN PASSWORD 'portal';" -c "CREATE DATABASE secop OWNER portal;"
    psql_admin -d secop -c "CREATE EXTENSION pg_stat_statements;"
fi

# On a kept data set this applies only the migrations added since it was loaded (on its national-size tables).
log "Migrating with the portal's migrate command"
t=$(now)
(cd "$WEB_DIR" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Portal="$PORTAL_CS" \
    dotnet "$WEB_DLL" migrate)
log "Migrated in $(since "$t")s"
if [[ $SKIP_LOAD -eq 1 ]]; then
    # A migration that rewrites a column drops its statistics, and this cluster runs without autovacuum.
    psql_admin -d secop -c "ANALYZE;"
fi

if [[ $SKIP_LOAD -eq 0 ]]; then
    # -----------------------------------------------------------------------
    # 4. Bulk load
    # -----------------------------------------------------------------------
    t=$(now)
    dotnet "$BENCH_DLL" load --connection "$ADMIN_CS" --contracts "$CONTRACTS" --dataset "$CLUSTER_DIR/dataset.json"
    log "Data set loaded in $(since "$t")s (including the C# tool's start)"
    psql_admin -d secop -c "CHECKPOINT;"
fi
if [[ -z "$PAGES" || ",$PAGES," == *",audit"* ]]; then
    # The audit log at national size (idempotent: a kept cluster that holds it already is not loaded again).
    t=$(now)
    dotnet "$BENCH_DLL" audit-load --connection "$ADMIN_CS" --contracts "$CONTRACTS" --dataset "$CLUSTER_DIR/dataset.json"
    log "Audit log ready in $(since "$t")s (including the C# tool's start)"
    psql_admin -d secop -c "CHECKPOINT;"
fi
cp "$CLUSTER_DIR/dataset.json" "$OUT_DIR/dataset.json"
psql_admin -d secop -At -c "SELECT 'database size: ' || pg_size_pretty(pg_database_size('secop'));"

# ---------------------------------------------------------------------------
# 5. Portal (Production, behind a pretend TLS proxy) and baseline
# ---------------------------------------------------------------------------
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/secopportal-bench-run.XXXXXX")
mkdir -p "$RUN_DIR/keys" "$RUN_DIR/documents"
PORTAL_PORT=$(free_port)
# BENCH_PORTAL_ENV="KEY=VALUE …" adds settings to the portal only (e.g. to try a runtime knob against the same baseline).
# shellcheck disable=SC2086
(cd "$WEB_DIR" && exec env ${BENCH_PORTAL_ENV:-} ASPNETCORE_ENVIRONMENT=Production ForwardedHeaders__Enabled=true \
    Database__Provider=Postgres ConnectionStrings__Portal="$PORTAL_CS" Database__MigrateOnStartup=false \
    DataProtection__KeysFolder="$RUN_DIR/keys" Storage__Root="$RUN_DIR/documents" Uploads__SweepEnabled=false \
    PublicRecord__PermitsPerMinute=100000000 SignInThrottle__AttemptsPerAddressPerMinute=100000000 \
    dotnet "$WEB_DLL" --urls "http://127.0.0.1:$PORTAL_PORT") >"$OUT_DIR/portal.log" 2>&1 &
PORTAL_PID=$!
BASELINE_PORT=$(free_port)
# The baseline gets the Npgsql settings the portal gives itself (DependencyInjection.WithPortalDefaults): no pool reset,
# statements prepared on the server. The comparison is then between the code paths, not the connection settings.
BENCH_BASELINE_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=secop;No Reset On Close=true;Max Auto Prepare=64" \
    dotnet "$BASELINE_DLL" --urls "http://127.0.0.1:$BASELINE_PORT" >"$OUT_DIR/baseline.log" 2>&1 &
BASELINE_PID=$!

wait_for() {
    local url=$1 pid=$2 name=$3 i
    for ((i = 0; i < 120; i++)); do
        if curl -fsS -o /dev/null -H "X-Forwarded-Proto: https" "$url" 2>/dev/null; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { echo "$name exited; see ${OUT_DIR#"$REPO_ROOT"/}/$name.log" >&2; tail -n 30 "$OUT_DIR/$name.log" >&2; return 1; }
        sleep 0.5
    done
    echo "$name did not answer $url within 60s" >&2
    return 1
}
wait_for "http://127.0.0.1:$PORTAL_PORT/health" "$PORTAL_PID" portal
wait_for "http://127.0.0.1:$BASELINE_PORT/health" "$BASELINE_PID" baseline
log "Portal on 127.0.0.1:$PORTAL_PORT (Production), baseline on 127.0.0.1:$BASELINE_PORT"

# ---------------------------------------------------------------------------
# 6-7. Checks, statement counts, wrk, report
# ---------------------------------------------------------------------------
RUN_ARGS=(run --portal "http://127.0.0.1:$PORTAL_PORT" --baseline "http://127.0.0.1:$BASELINE_PORT"
    --connection "$ADMIN_CS" --portal-role portal --dataset "$OUT_DIR/dataset.json" --out "$OUT_DIR"
    --duration "$DURATION" --rounds "$ROUNDS" --conns "$CONNS")
# open-data-csv is not a wrk page: it is one long streamed download (below).
WRK_PAGES=$(tr ',' '\n' <<<"$PAGES" | grep -vx 'open-data-csv' | paste -sd, - || true)
[[ -n "$WRK_PAGES" ]] && RUN_ARGS+=(--pages "$WRK_PAGES")
if [[ -z "$PAGES" || -n "$WRK_PAGES" ]]; then
    dotnet "$BENCH_DLL" "${RUN_ARGS[@]}"
fi
if [[ -z "$PAGES" || ",$PAGES," == *",open-data-csv,"* ]]; then
    log "Open data: the whole country's Plan de pagos as CSV, portal and baseline alternating (at most ${OPEN_DATA_SECONDS}s each)"
    dotnet "$BENCH_DLL" open-data --portal "http://127.0.0.1:$PORTAL_PORT" --baseline "http://127.0.0.1:$BASELINE_PORT" \
        --pid "$PORTAL_PID" --out "$OUT_DIR" --seconds "$OPEN_DATA_SECONDS" --rounds "$ROUNDS"
fi
log "Benchmark done in $(since "$SCRIPT_START")s; output in ${OUT_DIR#"$REPO_ROOT"/} (report.md, bench.log, pages' HTML)"
