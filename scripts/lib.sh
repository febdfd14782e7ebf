# Shell functions shared by scripts/test.sh, scripts/bench.sh and scripts/soak.sh. Source it; it sets no trap and runs nothing.
#
#   install_missing_debs PKG…     apt-get install (waiting for the dpkg lock), without starting services
#   pg_start_cluster DIR OPTS     initdb (when DIR/data is new) and start PostgreSQL on a free loopback port
#   pg_stop_cluster               stop it (immediate); lib_cleanup also removes a policy-rc.d we created
#
# State they share with the caller: PG_BIN, PG_TMP, PG_DATA, PG_PORT, POLICY_RC_CREATED.

now() { echo "${EPOCHREALTIME:-$(date +%s.%N)}"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "==> $*"; }

PG_BIN=""
PG_TMP=""
PG_DATA=""
PG_PORT=""
POLICY_RC_CREATED=0

if [[ $EUID -eq 0 ]]; then
    SUDO=()
else
    SUDO=(sudo)
fi

# Runs a command as the cluster owner: `postgres` when we are root (the server
# refuses to run as root), otherwise the current user.
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_bin_dir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
        echo "$d"
    fi
}

deb_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# apt-get with a wait for the dpkg/apt locks (another apt may be running).
apt_get() {
    local deadline=$((SECONDS + 300))
    while true; do
        if "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3 "$@"; then
            return 0
        fi
        if ((SECONDS >= deadline)); then
            echo "apt-get $* kept failing for 5 minutes" >&2
            return 1
        fi
        echo "apt-get $* failed (apt/dpkg lock held?), retrying in 10s" >&2
        sleep 10
    done
}

# Installs the given Debian packages (the caller decides which are missing).
install_missing_debs() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "Missing system packages ($*) and no apt-get to install them" >&2
        return 1
    fi
    log "Installing missing system packages: $*"
    local t
    t=$(now)
    # Keep the postgresql package from starting its default cluster: we only
    # want the binaries (invoke-rc.d honours policy-rc.d, exit 101 = deny).
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee /usr/sbin/policy-rc.d >/dev/null
        "${SUDO[@]}" chmod 755 /usr/sbin/policy-rc.d
        POLICY_RC_CREATED=1
    fi
    apt_get -q update
    apt_get -q -y --no-install-recommends install "$@"
    if [[ $POLICY_RC_CREATED -eq 1 ]]; then
        "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d
        POLICY_RC_CREATED=0
    fi
    log "Installed $* in $(since "$t")s"
}

free_port() {
    if command -v python3 >/dev/null 2>&1 && python3 - <<'EOF' 2>/dev/null; then
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
        return 0
    fi
    local port=$((20000 + RANDOM % 20000)) i
    for ((i = 0; i < 200; i++)); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
        port=$((port + 1))
    done
    echo "no free TCP port found" >&2
    return 1
}

# pg_start_cluster DIR "SERVER OPTIONS": initialises DIR/data unless it already holds a cluster, then starts it
# on 127.0.0.1 at a free port with its socket in DIR. Sets PG_BIN, PG_TMP=DIR, PG_DATA, PG_PORT.
pg_start_cluster() {
    local dir=$1 options=$2
    PG_BIN=$(pg_bin_dir)
    [[ -n "$PG_BIN" ]] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; return 1; }
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    fi
    local t
    t=$(now)
    PG_TMP=$dir
    PG_DATA="$PG_TMP/data"
    [[ $EUID -eq 0 ]] && chown postgres: "$PG_TMP"

    if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
        log "Initialising PostgreSQL cluster ($("$PG_BIN/postgres" --version)) in $PG_DATA"
        if ! (cd "$PG_TMP" && as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres \
            --encoding=UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1); then
            echo "initdb with locale C.UTF-8 failed, retrying with --no-locale" >&2
            (cd "$PG_TMP" && as_pg rm -rf "$PG_DATA")
            if ! (cd "$PG_TMP" && as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres \
                --encoding=UTF8 --no-locale >"$PG_TMP/initdb.log" 2>&1); then
                cat "$PG_TMP/initdb.log" >&2
                return 1
            fi
        fi
    else
        log "Reusing the PostgreSQL cluster in $PG_DATA"
    fi

    local started=0 attempt
    for attempt in 1 2 3; do
        PG_PORT=$(free_port)
        if (cd "$PG_TMP" && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/postgres.log" -w -t 60 \
            -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 $options" \
            start >/dev/null); then
            started=1
            break
        fi
        echo "PostgreSQL did not start on port $PG_PORT (attempt $attempt):" >&2
        tail -n 20 "$PG_TMP/postgres.log" >&2 || true
    done
    [[ $started -eq 1 ]] || return 1
    log "PostgreSQL started on 127.0.0.1:$PG_PORT in $(since "$t")s"
}

# Stops the cluster started by pg_start_cluster (immediate mode; SIGKILL when pg_ctl cannot).
pg_stop_cluster() {
    if [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]]; then
        log "Stopping PostgreSQL"
        if ! (cd / && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m "${1:-immediate}" -w stop >/dev/null 2>&1); then
            local pid
            pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
            [[ -n "$pid" ]] && kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

# Removes the policy-rc.d an interrupted install_missing_debs left behind.
remove_policy_rc() {
    if [[ $POLICY_RC_CREATED -eq 1 ]]; then
        "${SUDO[@]}" rm -f /usr/sbin/policy-rc.d || true
        POLICY_RC_CREATED=0
    fi
}

# trap_exit_and_signals HANDLER: HANDLER runs on exit, and INT, TERM and HUP exit with 128 + the signal's number
# (so HANDLER runs for them too, with that code in $?). The handler should start with untrap_exit_and_signals.
trap_exit_and_signals() {
    trap "$1" EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
}

untrap_exit_and_signals() {
    trap - EXIT INT TERM HUP
}
