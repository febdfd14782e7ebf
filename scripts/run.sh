#!/usr/bin/env bash
# Runs the portal locally on http://localhost:5080 (SQLite by default).
# Restore, build, migrations and seed data happen through `dotnet run` and the
# app's start-up. Extra args go to the app, e.g. ./scripts/run.sh --Database:Provider=Postgres
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export ASPNETCORE_ENVIRONMENT=Development
exec dotnet run --project src/SecopPortal.Web -c Release --no-launch-profile -- --urls http://localhost:5080 "$@"
