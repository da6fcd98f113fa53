# shellcheck shell=bash
# Daemon registry and start/stop/status.  Every daemon runs in the foreground, started as
#   setsid env -i ... [nsenter ...] CMD &  ; echo $! > $LAB/pids/NAME.pid
# Each wrapper execs, so the recorded PID is the daemon's own.  These functions never rely
# on `set -e` (they are called from `||` lists); they return non-zero and set D_FAIL.
#
# Daemon keys:  head/munged head/mariadb head/slurmdbd head/slurmctld
#               NODE/munged NODE/slurmd NODE/sshd           (NODE = node001 ...)
#               targets/G                                   (loopback sshd group G)

# daemon_spec KEY: fills D_* for KEY.  Returns 1 for an unknown key.
daemon_spec() {
    local key=$1 who=${1%%/*} what=${1#*/}
    D_KEY=$key D_NODE="" D_PRE=":" D_TIMEOUT=20 D_STOP_TIMEOUT=15 D_FAIL=""
    D_CMD=()
    case $key in
        head/munged)
            D_UNIT=munge D_DESC="MUNGE authentication service" D_COMM=munged
            D_PIDFILE=$PID_DIR/munged.pid D_OUT=$LOG_DIR/munged.log D_LOG=$D_OUT
            D_PRE=pre_head_munged D_READY=ready_munged
            D_CMD=(setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F --num-threads=4) ;;
        head/mariadb)
            D_UNIT=mariadb D_DESC="MariaDB database server" D_COMM=mariadbd
            D_PIDFILE=$PID_DIR/mariadb.pid D_OUT=$LOG_DIR/mariadb.out D_LOG=$LAB/mysql/log/error.log
            D_PRE=pre_mariadb D_READY=ready_mariadb D_TIMEOUT=60 D_STOP_TIMEOUT=60
            D_CMD=(/usr/sbin/mariadbd --defaults-file="$MYCNF") ;;
        head/slurmdbd)
            D_UNIT=slurmdbd D_DESC="Slurm DBD accounting daemon" D_COMM=slurmdbd
            D_PIDFILE=$PID_DIR/slurmdbd.pid D_OUT=$LOG_DIR/slurmdbd.out D_LOG=$LOG_DIR/slurmdbd.log
            D_READY=ready_slurmdbd D_TIMEOUT=60 D_STOP_TIMEOUT=30
            D_CMD=(/usr/sbin/slurmdbd -D) ;;
        head/slurmctld)
            D_UNIT=slurmctld D_DESC="Slurm controller daemon" D_COMM=slurmctld
            D_PIDFILE=$PID_DIR/slurmctld.pid D_OUT=$LOG_DIR/slurmctld.out D_LOG=$LOG_DIR/slurmctld.log
            D_READY=ready_slurmctld D_TIMEOUT=60 D_STOP_TIMEOUT=30
            # Debian's unit: ExecStart=/usr/sbin/slurmctld -D -s $SLURMCTLD_OPTIONS
            local opts=()
            read -r -a opts <<<"$(shim_unit_env SLURMCTLD_OPTIONS /etc/default/slurmctld)"
            D_CMD=(/usr/sbin/slurmctld -D "${opts[@]}") ;;
        ctl2/slurmctld)
            [[ $(lab_mode) == netns ]] || return 1
            D_NODE=$who D_UNIT=slurmctld D_DESC="Slurm controller daemon (backup)" D_COMM=slurmctld
            D_PIDFILE=$PID_DIR/slurmctld-$who.pid D_OUT=$LAB/nodes/$who/log/slurmctld.out
            D_LOG=$LAB/nodes/$who/log/slurmctld.log D_READY=ready_slurmctld_backup
            D_TIMEOUT=60 D_STOP_TIMEOUT=30
            D_CMD=(/usr/sbin/slurmctld -D) ;;
        node[0-9][0-9][0-9]/munged)
            [[ $(lab_mode) == netns ]] || return 1
            D_NODE=$who D_UNIT=munge D_DESC="MUNGE authentication service" D_COMM=munged
            D_PIDFILE=$PID_DIR/munged-$who.pid D_OUT=$LAB/nodes/$who/log/munged.log D_LOG=$D_OUT
            D_READY=ready_munged
            D_CMD=(setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged -F
                   --num-threads=2 --origin=eth0) ;;
        node[0-9][0-9][0-9]/slurmd)
            D_NODE=$who D_UNIT=slurmd D_DESC="Slurm node daemon" D_COMM=slurmd
            D_PIDFILE=$PID_DIR/slurmd-$who.pid D_OUT=$LAB/nodes/$who/log/slurmd.out
            D_LOG=$LAB/nodes/$who/log/slurmd.log D_READY=ready_slurmd
            D_CMD=(/usr/sbin/slurmd -D -N "$who") ;;
        node[0-9][0-9][0-9]/sshd)
            [[ $(lab_mode) == netns ]] || return 1
            D_NODE=$who D_UNIT=ssh D_DESC="OpenBSD Secure Shell server" D_COMM=sshd
            D_PIDFILE=$PID_DIR/sshd-$who.pid D_OUT=$LAB/nodes/$who/log/sshd.log D_LOG=$D_OUT
            D_PRE=pre_sshd D_READY=ready_sshd_node
            D_CMD=(/usr/sbin/sshd -D -e -f "$SSH_DIR/sshd_$who.conf") ;;
        targets/[0-9]*)
            D_UNIT=ssh-targets D_DESC="loopback ssh targets, group $what" D_COMM=sshd
            D_PIDFILE=$PID_DIR/sshd-targets-$what.pid D_OUT=$LOG_DIR/sshd-targets-$what.log D_LOG=$D_OUT
            D_PRE=pre_sshd D_READY=ready_sshd_targets
            D_CMD=(/usr/sbin/sshd -D -e -f "$SSH_DIR/sshd_targets_$what.conf") ;;
        *) return 1 ;;
    esac
    return 0
}

# ---------------------------------------------------------------- pre-start hooks
pre_head_munged() {
    mkd 0755 munge:munge /run/munge || return 1
    [[ -s $MUNGE_KEY ]] || { D_FAIL="no munge key at $MUNGE_KEY"; return 1; }
}
pre_mariadb() {
    mkd 0755 mysql:mysql "$(dirname "$MYSQL_SOCK")" || return 1
    [[ -d $LAB/mysql/data/mysql ]] && return 0
    mariadb-install-db --defaults-file="$MYCNF" --user=mysql \
        --auth-root-authentication-method=socket --skip-test-db >>"$LOG_DIR/mariadb-install.log" 2>&1 \
        || { D_FAIL="mariadb-install-db failed (see $LOG_DIR/mariadb-install.log)"; return 1; }
}
pre_sshd() { mkd 0755 root:root /run/sshd; }

# ---------------------------------------------------------------- readiness checks
ready_munged() { node_or_head munge -n >/dev/null 2>&1; }
ready_mariadb() { mariadb-admin --defaults-file="$MYCNF" --connect-timeout=2 ping >/dev/null 2>&1; }
ready_slurmdbd() {
    port_listening "" 6819 || return 1
    sacctmgr -n show cluster >/dev/null 2>&1
}
ready_slurmctld() {
    local out line
    port_listening "" 6817 || return 1
    # exit status ignored: scontrol ping fails while any listed controller is down
    out=$(scontrol ping 2>&1) || true
    # with a backup (lab/lab ha up) the line of the primary itself must say UP
    while IFS= read -r line; do [[ $line == "Slurmctld(primary) at "*" is UP" ]] && return 0; done <<<"$out"
    return 1
}
ready_slurmd() {
    if [[ $(lab_mode) == netns ]]; then
        port_listening "$D_NODE" 6818
    else
        port_listening "" "$((17000 + $(node_index "$D_NODE")))"
    fi
}
ready_sshd_node() { port_listening "$D_NODE" 22 "$(node_addr "$(node_index "$D_NODE")")"; }
ready_sshd_targets() {
    local g=${D_KEY#targets/} n last
    n=$(state_get targets); last=$(( g * 16 )); (( last > n )) && last=$n
    port_listening "" 2222 " $(target_addr "$last")"
}
# run a command where the current daemon lives (its node, or the head)
node_or_head() { if [[ -n $D_NODE ]]; then node_run "$D_NODE" "$@"; else "$@"; fi; }

# ---------------------------------------------------------------- status / start / stop
# daemon_pid KEY: prints the PID if the daemon is running (PID file + comm + not zombie)
daemon_pid() {
    daemon_spec "$1" || return 1
    local pid
    pid=$(pidfile_pid "$D_PIDFILE")
    pid_alive "$pid" "$D_COMM" || return 1
    printf '%s' "$pid"
}

daemon_spawn() {
    local prefix=()
    if [[ -n $D_NODE ]]; then node_prefix "$D_NODE"; prefix=("${NODE_PREFIX[@]}"); fi
    mkdir -p "$(dirname "$D_OUT")" "$PID_DIR"
    (
        cd / || exit 1
        exec </dev/null >>"$D_OUT" 2>&1
        # close every other inherited fd: the lab lock (fd 9) and any pipe of the caller
        # (a daemon holding a caller's pipe would make it wait forever for EOF)
        local fd
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            ((fd > 2)) && eval "exec $fd>&-" 2>/dev/null
        done
        # FAKETIME_SKIP_CMDS only matters under the clock drill's libfaketime (lib/drills.sh): sshd's
        # seccomp sandbox kills its pre-auth child (signal 31) on libfaketime's file reads.  Sessions
        # get a fresh env, so `date` over ssh still sees the node's shifted clock.
        exec setsid /usr/bin/env -i PATH="$DAEMON_PATH" LANG=C.UTF-8 HOME=/root FAKETIME_SKIP_CMDS=sshd \
            "${prefix[@]}" "${D_CMD[@]}"
    ) &
    printf '%s\n' "$!" >"$D_PIDFILE"
    SPAWNED_PID=$!
}

# daemon_launch KEY: spawn KEY unless it runs.  D_RESULT=running|started, D_PID.
daemon_launch() {
    local key=$1 pid
    daemon_spec "$key" || { D_FAIL="unknown daemon $key"; return 1; }
    if pid=$(daemon_pid "$key"); then D_PID=$pid D_RESULT=running; return 0; fi
    rm -f "$D_PIDFILE"
    "$D_PRE" || { D_FAIL=${D_FAIL:-"pre-start of $key failed"}; return 1; }
    daemon_spawn
    D_PID=$SPAWNED_PID D_RESULT=started
}

# daemon_await KEY PID: wait until KEY is ready; on death or timeout set D_FAIL, return 1
daemon_await() {
    local key=$1 pid=$2 deadline
    daemon_spec "$key"
    deadline=$((SECONDS + D_TIMEOUT))
    while :; do
        if pid_gone "$pid"; then
            D_FAIL="$key (pid $pid) exited during start-up"
            rm -f "$D_PIDFILE"
            return 1
        fi
        "$D_READY" && return 0
        if ((SECONDS >= deadline)); then
            D_FAIL="$key (pid $pid) not ready after ${D_TIMEOUT}s; stopped it"
            _stop_pid "$pid" "$D_COMM" 10
            rm -f "$D_PIDFILE"
            return 1
        fi
        sleep 0.05
    done
}

# daemon_start KEY: start unless running, then wait until ready (like systemd Type=forking)
daemon_start() {
    daemon_launch "$1" || return 1
    [[ $D_RESULT == running ]] && return 0
    daemon_await "$1" "$D_PID"
}

# _stop_pid PID COMM TIMEOUT: TERM, wait until gone (zombie counts as gone), then KILL
_stop_pid() {
    local pid=$1 comm=$2 timeout=$3 deadline
    pid_alive "$pid" "$comm" || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    deadline=$((SECONDS + timeout))
    while ! pid_gone "$pid"; do
        if ((SECONDS >= deadline)); then
            pid_alive "$pid" "$comm" && kill -KILL "$pid" 2>/dev/null
            sleep 0.2
            break
        fi
        sleep 0.05
    done
}

# daemon_stop KEY...: signal all given daemons at once, then wait for each.
# D_STOPPED lists the keys that were actually running.
daemon_stop() {
    local key pid pids=() keys=() comms=() tmos=() i deadline
    D_STOPPED=()
    for key in "$@"; do
        daemon_spec "$key" || continue
        pid=$(pidfile_pid "$D_PIDFILE")
        if [[ -n $pid ]] && pid_alive "$pid" "$D_COMM"; then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid"); keys+=("$key"); comms+=("$D_COMM"); tmos+=("$D_STOP_TIMEOUT")
        elif [[ -n $pid ]] && [[ -e /proc/$pid ]] && ! pid_gone "$pid"; then
            warn "$key: PID $pid from $D_PIDFILE is now '$(cat "/proc/$pid/comm" 2>/dev/null)', not $D_COMM; not signalling it"
        fi
        rm -f "$D_PIDFILE"
    done
    for i in "${!pids[@]}"; do
        deadline=$((SECONDS + tmos[i]))
        while ! pid_gone "${pids[i]}"; do
            if ((SECONDS >= deadline)); then
                warn "${keys[i]} (pid ${pids[i]}) ignored SIGTERM for ${tmos[i]}s; sending SIGKILL"
                pid_alive "${pids[i]}" "${comms[i]}" && kill -KILL "${pids[i]}" 2>/dev/null
                sleep 0.2
                break
            fi
            sleep 0.05
        done
        D_STOPPED+=("${keys[i]}")
    done
    return 0
}

# daemon_fail_report: print D_FAIL and the tails of the daemon's logs to stderr
daemon_fail_report() {
    printf 'lab: ERROR: %s\n' "$D_FAIL" >&2
    tail_log "$D_LOG" 15
    [[ $D_OUT != "$D_LOG" ]] && tail_log "$D_OUT" 8
    return 0
}

# start_or_die KEY...: start the daemons (all launched first, then awaited, so independent
# daemons start in parallel), print one line each, abort with the log tail on failure.
start_or_die() {
    local key t0=$EPOCHREALTIME i keys=() results=() pids=()
    for key in "$@"; do
        if ! daemon_launch "$key"; then daemon_fail_report; exit 1; fi
        keys+=("$key"); results+=("$D_RESULT"); pids+=("$D_PID")
    done
    for i in "${!keys[@]}"; do
        if [[ ${results[i]} == started ]]; then
            if ! daemon_await "${keys[i]}" "${pids[i]}"; then daemon_fail_report; exit 1; fi
            printf '[lab] %-52s ok  %6ss  (pid %s)\n' "start ${keys[i]}" "$(elapsed "$t0")" "${pids[i]}"
        else
            printf '[lab] %-52s ok  %6ss  (already running, pid %s)\n' "start ${keys[i]}" "$(elapsed "$t0")" "${pids[i]}"
        fi
    done
}

# all daemon keys of the lab, in start order
head_keys() { printf '%s\n' head/munged head/mariadb head/slurmdbd head/slurmctld; }
node_keys() {
    local node=$1
    if [[ $(lab_mode) == netns ]]; then
        printf '%s\n' "$node/munged" "$node/slurmd" "$node/sshd"
    else
        printf '%s\n' "$node/slurmd"
    fi
}
target_keys() {
    local n g
    n=$(state_get targets); [[ -n $n ]] || return 0
    for ((g = 1; (g - 1) * 16 < n; g++)); do printf 'targets/%d\n' "$g"; done
}
