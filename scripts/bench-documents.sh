#!/usr/bin/env bash
# The benchmark of "Todos los documentos en un PDF": ./scripts/bench-documents.sh [--runs N] [--large-runs N]
#
#   --runs N         timed downloads of the 50-page case, each side (default 9)
#   --large-runs N   timed downloads of the 100 MB case, each side (default 5)
#
# What it does (standalone: no PostgreSQL, nothing shared with scripts/bench.sh):
#   1. builds the portal and bench/SecopPortal.Bench (Release, warnings as errors);
#   2. starts the real portal (Production, SQLite, demo accounts seeded) in a temporary folder with its own database,
#      document store and keys, on a free loopback port;
#   3. `SecopPortal.Bench documents` signs in through the real form and creates two requests through "Crear" and
#      "Anexar": one whose five PDFs total 50 pages, one with about 95 MiB of scanned-like PDFs, JPEGs and PNGs
#      (every file under Uploads:MaxFileBytes, all under Uploads:MaxRequestBytes);
#   4. downloads, alternating, the merged PDF and — the baseline — the same attachments one by one through the raw
#      download route (same bytes, no merging); per download the wall time and the portal process's memory growth
#      (VmRSS before; peak from VmHWM reset through /proc/PID/clear_refs, and VmRSS sampled every 5 ms);
#   5. prints `bench: page=merged-pdf-50 …` and `bench: page=merged-pdf-100mb …` (median and max of the runs, the
#      baseline's, their ratio, peak_extra_mb and baseline_peak_extra_mb).
# Everything printed is also written to artifacts/bench/documents-<time>/ with a copy of each merged PDF.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd -P)
source "$REPO_ROOT/scripts/lib.sh"

RUNS=9
LARGE_RUNS=5
while (($# > 0)); do
    case "$1" in
        --runs) RUNS=$2; shift 2 ;;
        --large-runs) LARGE_RUNS=$2; shift 2 ;;
        -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$RUNS" =~ ^[0-9]+$ && "$LARGE_RUNS" =~ ^[0-9]+$ ]] || { echo "--runs and --large-runs take a number" >&2; exit 2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
OUT_DIR="$REPO_ROOT/artifacts/bench/documents-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT_DIR"
exec > >(tee "$OUT_DIR/bench.log") 2>&1

PORTAL_PID=""
RUN_DIR=""
cleanup() {
    if [[ -n "$PORTAL_PID" ]] && kill -0 "$PORTAL_PID" 2>/dev/null; then
        kill -TERM "$PORTAL_PID" 2>/dev/null || true
        wait "$PORTAL_PID" 2>/dev/null || true
    fi
    PORTAL_PID=""
    [[ -n "$RUN_DIR" ]] && rm -rf "$RUN_DIR"
    RUN_DIR=""
}
trap cleanup EXIT

[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || install_missing_debs fonts-dejavu-core

log "Building the portal and the bench (Release)"
t=$(now)
dotnet build -c Release -warnaserror -nologo -v quiet src/SecopPortal.Web/SecopPortal.Web.csproj
dotnet build -c Release -warnaserror -nologo -v quiet bench/SecopPortal.Bench/SecopPortal.Bench.csproj
log "Built in $(since "$t")s"

WEB_DIR="$REPO_ROOT/src/SecopPortal.Web"
WEB_DLL="$WEB_DIR/bin/Release/net10.0/SecopPortal.Web.dll"
BENCH_DLL="$REPO_ROOT/bench/SecopPortal.Bench/bin/Release/net10.0/SecopPortal.Bench.dll"
RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/secopportal-docbench.XXXXXX")
mkdir -p "$RUN_DIR/keys" "$RUN_DIR/documents" "$RUN_DIR/tmp"
PORTAL_PORT=$(free_port)
# The portal's temporary files (the merged PDF before it is streamed) go to its own folder, removed at the end.
(cd "$WEB_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production ForwardedHeaders__Enabled=true TMPDIR="$RUN_DIR/tmp" \
    Database__Provider=Sqlite ConnectionStrings__Portal="Data Source=$RUN_DIR/portal.db" Database__MigrateOnStartup=true \
    Seed__DemoData=true DataProtection__KeysFolder="$RUN_DIR/keys" Storage__Root="$RUN_DIR/documents" Uploads__SweepEnabled=false \
    dotnet "$WEB_DLL" --urls "http://127.0.0.1:$PORTAL_PORT") >"$OUT_DIR/portal.log" 2>&1 &
PORTAL_PID=$!

for ((i = 0; i < 120; i++)); do
    if curl -fsS -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$PORTAL_PORT/health" 2>/dev/null; then
        break
    fi
    kill -0 "$PORTAL_PID" 2>/dev/null || { echo "the portal exited; see ${OUT_DIR#"$REPO_ROOT"/}/portal.log" >&2; tail -n 30 "$OUT_DIR/portal.log" >&2; exit 1; }
    sleep 0.5
done
# The dotnet process itself (the subshell exec'd into it, so $! is its pid).
log "Portal on 127.0.0.1:$PORTAL_PORT (Production, SQLite in $RUN_DIR), pid $PORTAL_PID, $(grep VmRSS "/proc/$PORTAL_PID/status" | tr -s ' ')"
log "Machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet "$BENCH_DLL" documents --portal "http://127.0.0.1:$PORTAL_PORT" --pid "$PORTAL_PID" --out "$OUT_DIR" \
    --runs "$RUNS" --large-runs "$LARGE_RUNS"
log "Load after the run: $(cut -d' ' -f1-3 /proc/loadavg); results in ${OUT_DIR#"$REPO_ROOT"/}"
