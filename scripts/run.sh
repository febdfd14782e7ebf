#!/usr/bin/env bash
# Runs the portal locally on http://localhost:5080 (SQLite by default).
# Restore, build, migrations and seed data happen through `dotnet run` and the
# app's start-up. Extra args go to the app, e.g. ./scripts/run.sh --Database:Provider=Postgres
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# now, log, apt_get, install_missing_debs
source scripts/lib.sh
# The generated PDFs (cuenta de cobro) embed DejaVu Sans from the system's fonts.
if [[ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]]; then
    install_missing_debs fonts-dejavu-core
    if [[ "$POLICY_RC_CREATED" == 1 ]]; then "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d; fi
fi
export ASPNETCORE_ENVIRONMENT=Development
exec dotnet run --project src/SecopPortal.Web -c Release --no-launch-profile -- --urls http://localhost:5080 "$@"
