#!/usr/bin/env bash
# How the country's open data streams: ./scripts/measure-open-data.sh [contracts] (default 30000, about 300,000 requests)
#
# What it does (on a throwaway cluster of its own, never the benchmark's kept clusters):
#   1. starts a throwaway PostgreSQL on a free port in a temp dir (deleted on exit);
#   2. migrates with the portal's `migrate` command and bulk-loads the benchmark's data set
#      (bench/SecopPortal.Bench `load`) with the given number of contracts;
#   3. starts the portal in Production and downloads /publico/datos/plan-de-pagos.csv twice (cold, then warm),
#      sampling the portal's resident memory every 0.2 s;
#   4. prints rows, rows/s, time to first byte, and the portal's memory before, at its peak during the download,
#      and after: with streaming, the peak does not grow with the number of rows (docs/open-data.md, "Benchmark").
# Needs the Release builds of src/SecopPortal.Web and bench/SecopPortal.Bench (`dotnet build -c Release`), psql and curl.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd -P)
source "$REPO_ROOT/scripts/lib.sh"

CONTRACTS=${1:-30000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/secopportal-open-data.XXXXXX")
PORTAL_PID=""
cleanup() {
    if [[ -n "$PORTAL_PID" ]]; then
        kill "$PORTAL_PID" 2>/dev/null || true
    fi
    pg_stop_cluster
    rm -rf "$WORK"
}
trap cleanup EXIT

WEB_DIR="$REPO_ROOT/src/SecopPortal.Web"
WEB_DLL="$WEB_DIR/bin/Release/net10.0/SecopPortal.Web.dll"
BENCH_DLL="$REPO_ROOT/bench/SecopPortal.Bench/bin/Release/net10.0/SecopPortal.Bench.dll"
[[ -f "$WEB_DLL" && -f "$BENCH_DLL" ]] || { echo "Build first: dotnet build src/SecopPortal.Web -c Release && dotnet build bench/SecopPortal.Bench -c Release" >&2; exit 1; }

pg_start_cluster "$WORK" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c work_mem=16MB -c autovacuum=off"
ADMIN_CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Database=secop;Timeout=60;Command Timeout=0"
PORTAL_CS="Host=127.0.0.1;Port=$PG_PORT;Username=portal;Password=portal;Database=secop"
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
psql_admin -d postgres -c "CREATE ROLE portal LOGIN PASSWORD 'portal';" -c "CREATE DATABASE secop OWNER portal;"
(cd "$WEB_DIR" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Portal="$PORTAL_CS" \
    dotnet "$WEB_DLL" migrate) >"$WORK/migrate.log" 2>&1
dotnet "$BENCH_DLL" load --connection "$ADMIN_CS" --contracts "$CONTRACTS" --dataset "$WORK/dataset.json" | tail -n 1
psql_admin -d secop -c "ANALYZE;"

mkdir -p "$WORK/keys" "$WORK/documents"
PORT=$(free_port)
(cd "$WEB_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Portal="$PORTAL_CS" \
    Database__MigrateOnStartup=false DataProtection__KeysFolder="$WORK/keys" Storage__Root="$WORK/documents" \
    Uploads__SweepEnabled=false PublicRecord__PermitsPerMinute=100000 \
    dotnet "$WEB_DLL" --urls "http://127.0.0.1:$PORT") >"$WORK/portal.log" 2>&1 &
PORTAL_PID=$!
for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break
    kill -0 "$PORTAL_PID" 2>/dev/null || { tail -n 30 "$WORK/portal.log" >&2; exit 1; }
    sleep 0.5
done

# The portal's resident set size in MiB.
rss() { awk -v page="$(getconf PAGESIZE)" '{ printf "%.1f", $2 * page / 1048576 }' "/proc/$PORTAL_PID/statm"; }
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/publico/contratos/1/plan-de-pagos.csv"
log "Portal memory before: $(rss) MiB"
for round in 1 2; do
    rm -f "$WORK/done"
    (
        peak=0
        while [[ ! -f "$WORK/done" ]] && kill -0 "$PORTAL_PID" 2>/dev/null; do
            now_rss=$(rss)
            peak=$(awk -v a="$now_rss" -v b="$peak" 'BEGIN { print (a > b) ? a : b }')
            echo "$peak" >"$WORK/peak"
            sleep 0.2
        done
    ) &
    SAMPLER=$!
    timing=$(curl -fsS -o "$WORK/country.csv" -w "%{time_starttransfer} %{time_total} %{size_download}" \
        "http://127.0.0.1:$PORT/publico/datos/plan-de-pagos.csv")
    touch "$WORK/done"
    wait "$SAMPLER" || true
    read -r first_byte total bytes <<<"$timing"
    rows=$(($(wc -l <"$WORK/country.csv") - 1))
    echo "open-data: round=$round rows=$rows bytes=$bytes first_byte_s=$first_byte total_s=$total" \
        "rows_per_s=$(awk -v r="$rows" -v t="$total" 'BEGIN { printf "%.0f", r / t }')" \
        "peak_rss_mib=$(cat "$WORK/peak") rss_after_mib=$(rss)"
done
