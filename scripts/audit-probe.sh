#!/usr/bin/env bash
# The audit log at national size: ./scripts/audit-probe.sh [--rows N]   (default 5,000,000)
#
# Starts a throwaway PostgreSQL, migrates it with the portal's own `migrate` command (Release build), loads N
# audit entries with the benchmark's set-based SQL (bench/SecopPortal.Bench `audit-load`, AuditLoader.cs, the one copy
# of it; the shape of the benchmark's 200,000-contract data set: 155,000 actors — the named contractor on one entry in
# 10,000 —, a subject on one entry in ten, 200,000 contracts on six in ten, every event kind, two years of instants;
# the users and contracts themselves are not loaded here), then prints, for each statement of the Auditoría screen (ADR 0020) —
# the first page of every filter and a page from the middle of the log — its plan and time (EXPLAIN ANALYZE), and
# checks that the append-only triggers refuse UPDATE, DELETE and TRUNCATE as the portal's own role.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT=$(pwd -P)
source "$REPO_ROOT/scripts/lib.sh"

ROWS=5000000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rows) ROWS=$2; shift 2 ;;
        *) echo "usage: $0 [--rows N]" >&2; exit 2 ;;
    esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PG_TMP="" PG_DATA=""
trap 'pg_stop_cluster; [[ -n "$PG_TMP" ]] && rm -rf "$PG_TMP"' EXIT
pg_start_cluster "$(mktemp -d "${TMPDIR:-/tmp}/secopportal-audit.XXXXXX")" \
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c max_wal_size=4GB"
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }
psql_portal() { PGPASSWORD=portal psql -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U portal -d secop "$@"; }
psql_admin -d postgres -c "CREATE ROLE portal LOGIN PASSWORD 'portal';" -c "CREATE DATABASE secop OWNER portal;"

log "Building and migrating (Release)"
dotnet build src/SecopPortal.Web -c Release -v quiet -nologo -clp:NoSummary
WEB_DIR="$REPO_ROOT/src/SecopPortal.Web"
(cd "$WEB_DIR" && ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres \
    ConnectionStrings__Portal="Host=127.0.0.1;Port=$PG_PORT;Username=portal;Password=portal;Database=secop" \
    dotnet "$WEB_DIR/bin/Release/net10.0/SecopPortal.Web.dll" migrate)

log "Loading $ROWS audit entries"
t=$(now)
dotnet build bench/SecopPortal.Bench -c Release -v quiet -nologo -clp:NoSummary
dotnet "$REPO_ROOT/bench/SecopPortal.Bench/bin/Release/net10.0/SecopPortal.Bench.dll" audit-load --contracts 200000 --entries "$ROWS" \
    --connection "Host=127.0.0.1;Port=$PG_PORT;Username=portal;Password=portal;Database=secop;Timeout=60;Command Timeout=0"
log "Loaded in $(since "$t")s; table and indexes: $(psql_portal -At -c "SELECT pg_size_pretty(pg_total_relation_size('\"AuditEntries\"'))")"

# The benchmark's named contractor (contratista@bench.secop.test): the actor of one entry in 10,000.
ACTOR=b0000000-0000-4000-8000-000000000004
# A generic contractor: the account affected of a few entries (one entry in ten names one of 150,000 contractors).
SUBJECT=$(psql_portal -At -c "SELECT md5('contractor:' || 4242)::uuid")
MIDDLE=$(psql_portal -At -c "SELECT \"OccurredAtUtc\" || '|' || \"Id\" FROM \"AuditEntries\" ORDER BY \"OccurredAtUtc\" DESC, \"Id\" DESC OFFSET $((ROWS / 2)) LIMIT 1")
AT=${MIDDLE%|*}
ID=${MIDDLE#*|}
COLUMNS='"Id", "OccurredAtUtc", "Kind", "ActorId", "ActorEmail", "ClientAddress", "ContractId", "PaymentRequestId", "SubjectUserId", "Detail"'
ORDER='ORDER BY "OccurredAtUtc" DESC, "Id" DESC LIMIT 51'
KEYSET="\"OccurredAtUtc\" <= '$AT' AND (\"OccurredAtUtc\" < '$AT' OR \"Id\" < $ID)"
probe() {
    local name=$1 where=$2
    echo
    echo "-- $name"
    psql_portal -At -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT $COLUMNS FROM \"AuditEntries\" WHERE $where $ORDER" \
        | grep -E "Index|Limit|Sort|Seq Scan|Execution Time|Rows Removed|Buffers" | head -n 8
}
probe "first page, no filter" "true"
probe "middle of the log, no filter" "$KEYSET"
probe "one user (as actor)" "\"ActorId\" = '$ACTOR'"
probe "one user (as the account affected)" "\"SubjectUserId\" = '$SUBJECT'"
probe "one contract" "\"ContractId\" = 4242"
probe "one event" "\"Kind\" = 'PersonalDocumentDownloaded'"
probe "one event, middle of the log" "\"Kind\" = 'PersonalDocumentDownloaded' AND $KEYSET"
probe "one day (Bogotá)" "\"OccurredAtUtc\" >= '2026-03-01 05:00' AND \"OccurredAtUtc\" < '2026-03-02 05:00'"
probe "one user, one month" "\"ActorId\" = '$ACTOR' AND \"OccurredAtUtc\" >= '2026-03-01 05:00' AND \"OccurredAtUtc\" < '2026-04-01 05:00'"
probe "one user and one contract" "\"ActorId\" = '$ACTOR' AND \"ContractId\" = 4242"

echo
log "Append-only, as the portal's role"
for statement in "UPDATE \"AuditEntries\" SET \"Detail\" = 'x' WHERE \"Id\" = 1" "DELETE FROM \"AuditEntries\" WHERE \"Id\" = 1" "TRUNCATE \"AuditEntries\""; do
    if psql_portal -q -c "$statement" 2>/tmp/audit-probe.err; then
        echo "NOT REFUSED: $statement"
        exit 1
    fi
    echo "refused: $statement — $(grep -o 'AuditEntries is append-only[^"]*' /tmp/audit-probe.err | head -n 1)"
done
echo "rows still there: $(psql_portal -At -c 'SELECT count(*) FROM "AuditEntries"')"
