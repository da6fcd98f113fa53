# shellcheck shell=bash
# systemctl emulation ($LAB/bin/systemctl -> lab/lab _systemctl).  Inside a lab node
# (identity from `hostname`) it manages the node's slurmd and munge; in the root namespace
# (the head) slurmctld, slurmdbd, munge, mariadb, plus slurmd@NODE / munge@NODE.
# Exit codes follow systemd: is-active 0/3, status 0/3 (4 unknown unit), start/stop/restart
# 0, 1 on failure, 5 for an unknown unit.
# set-environment / unset-environment / show-environment keep the service manager's environment
# (one file per context, like one systemd per host); units expand it as Debian's unit files do
# (slurmctld: ExecStart=/usr/sbin/slurmctld -D -s $SLURMCTLD_OPTIONS, EnvironmentFile=-/etc/default/slurmctld).

# shim_env_file -> the manager environment file of this context (head or the node)
shim_env_file() {
    local ctx
    ctx=$(in_node) || ctx=head
    printf '%s/manager-environment.%s' "$STATE_DIR" "$ctx"
}

# shim_environment VERB ARGS...: set-environment VAR=VALUE..., unset-environment VAR..., show-environment
shim_environment() {
    local verb=$1 f a tmp
    shift
    f=$(shim_env_file)
    case $verb in
        show-environment) [[ -f $f ]] && cat "$f"; return 0 ;;
    esac
    (($#)) || { echo "Too few arguments." >&2; return 1; }
    for a in "$@"; do
        if [[ $verb == set-environment && ! $a =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] \
            || [[ $verb == unset-environment && ! $a =~ ^[A-Za-z_][A-Za-z0-9_]*(=.*)?$ ]]; then
            echo "Invalid environment assignment: $a" >&2; return 1
        fi
    done
    tmp=$(mktemp "$f.XXXXXX") || return 1
    [[ -f $f ]] && cat "$f" >"$tmp"
    for a in "$@"; do
        grep -v "^${a%%=*}=" "$tmp" >"$tmp.n" || true
        mv -f "$tmp.n" "$tmp"
        [[ $verb == set-environment ]] && printf '%s\n' "$a" >>"$tmp"
    done
    mv -f "$tmp" "$f"
}

# shim_unit_env VAR [DEFAULTS_FILE]: the value a unit sees for VAR: the unit's EnvironmentFile
# (an uncommented VAR= there wins, as in systemd), else the manager environment
shim_unit_env() {
    local var=$1 defaults=${2:-} line val="" f
    f=$(shim_env_file)
    if [[ -f $f ]]; then
        while IFS= read -r line; do [[ $line == "$var="* ]] && val=${line#*=}; done <"$f"
    fi
    if [[ -n $defaults && -f $defaults ]]; then
        while IFS= read -r line; do
            [[ $line =~ ^[[:space:]]*$var=(.*)$ ]] || continue
            val=${BASH_REMATCH[1]}; val=${val#\"}; val=${val%\"}
        done <"$defaults"
    fi
    printf '%s' "$val"
}

# shim_unit_key CONTEXT UNIT -> daemon key
shim_unit_key() {
    local ctx=$1 u=${2%.service} key=""
    if [[ $ctx == head ]]; then
        case $u in
            munge) key=head/munged ;;
            mariadb | mysql | mysqld) key=head/mariadb ;;
            slurmdbd) key=head/slurmdbd ;;
            slurmctld) key=head/slurmctld ;;
            slurmd@node[0-9][0-9][0-9]) key=${u#slurmd@}/slurmd ;;
            munge@node[0-9][0-9][0-9]) key=${u#munge@}/munged ;;
            slurmctld@"$HA_HOST") ha_enabled && key=$HA_HOST/slurmctld ;;
        esac
    elif is_ha_host "$ctx"; then
        [[ $u == slurmctld ]] && key=$ctx/slurmctld
    else
        case $u in
            slurmd) key=$ctx/slurmd ;;
            munge) key=$ctx/munged ;;
        esac
    fi
    [[ -n $key ]] || return 1
    if [[ $key == node*/* ]]; then
        local n=${key%%/*}
        (( $(node_index "$n") >= 1 && $(node_index "$n") <= $(lab_nodes) )) || return 1
    fi
    daemon_spec "$key" || return 1
    printf '%s' "$key"
}

shim_status() {
    local u=$1 key=$2 pid since=""
    daemon_spec "$key"
    if pid=$(daemon_pid "$key"); then
        since=$(date -d "@$(stat -c %Y "/proc/$pid")" '+%a %Y-%m-%d %H:%M:%S %Z' 2>/dev/null) || since=""
        printf '● %s.service - %s (lab shim)\n' "$u" "$D_DESC"
        printf '     Loaded: loaded (%s; lab shim)\n' "$BIN_DIR/systemctl"
        printf '     Active: active (running)%s\n' "${since:+ since $since}"
        printf '   Main PID: %s (%s)\n' "$pid" "$D_COMM"
    else
        printf '○ %s.service - %s (lab shim)\n' "$u" "$D_DESC"
        printf '     Loaded: loaded (%s; lab shim)\n' "$BIN_DIR/systemctl"
        printf '     Active: inactive (dead)\n'
    fi
    printf '\n'
    [[ -f $D_LOG ]] && tail -n 5 "$D_LOG"
    # stderr of a dead daemon holds its last words (e.g. munged's "Keyfile is insecure")
    [[ -z $pid && $D_OUT != "$D_LOG" && -s $D_OUT ]] && tail -n 3 "$D_OUT"
    [[ -n $pid ]]
}

# shim_show UNIT KEY PROPS VALUE_ONLY: `systemctl show --property=MainPID,ActiveState [--value] UNIT`
# (the properties the bot's triage reads; MainPID 0 when the daemon is not running)
shim_show() {
    local u=$1 key=$2 props=$3 value_only=$4 pid="" p v
    if [[ -n $key ]]; then pid=$(daemon_pid "$key") || pid=""; fi
    for p in ${props//,/ }; do
        case $p in
            MainPID) v=${pid:-0} ;;
            ActiveState) if [[ -n $pid ]]; then v=active; else v=inactive; fi ;;
            Id) v=$u.service ;;
            *) v="" ;;
        esac
        if ((value_only)); then printf '%s\n' "$v"; else printf '%s=%s\n' "$p" "$v"; fi
    done
}

shim_main() {
    local verb="" units=() a ctx rc=0 u key quiet=0 props="" value_only=0 want_prop=0
    for a in "$@"; do
        if ((want_prop)); then props+=${props:+,}$a; want_prop=0; continue; fi
        case $a in
            -q | --quiet) quiet=1 ;;
            -p | --property) want_prop=1 ;;
            --property=*) props+=${props:+,}${a#--property=} ;;
            --value) value_only=1 ;;
            -*) ;;
            *) if [[ -z $verb ]]; then verb=$a; else units+=("$a"); fi ;;
        esac
    done
    [[ -d $LAB/state ]] || { echo "lab systemctl shim: no lab at $LAB" >&2; return 1; }
    ctx=$(in_node) || ctx=head
    case $verb in
        start | stop | restart | try-restart | reload-or-restart | status | is-active | is-enabled | is-failed | enable | disable | show) ;;
        daemon-reload | reset-failed) return 0 ;;
        set-environment | unset-environment | show-environment) shim_environment "$verb" "${units[@]}"; return ;;
        "") echo "lab systemctl shim: usage: systemctl start|stop|restart|status|is-active UNIT..." >&2; return 1 ;;
        *) echo "Unknown command verb $verb." >&2; return 1 ;;
    esac
    ((${#units[@]})) || { echo "Too few arguments." >&2; return 1; }
    for u in "${units[@]}"; do
        u=${u%.service}
        if ! key=$(shim_unit_key "$ctx" "$u"); then
            case $verb in
                show) shim_show "$u" "" "${props:-MainPID,ActiveState}" "$value_only" ;;
                is-active | is-failed) ((quiet)) || echo inactive; rc=3 ;;
                status) echo "Unit $u.service could not be found." >&2; rc=4 ;;
                is-enabled) echo "Failed to get unit file state for $u.service: No such file or directory" >&2; rc=1 ;;
                *) echo "Failed to $verb $u.service: Unit $u.service not found." >&2; rc=5 ;;
            esac
            continue
        fi
        case $verb in
            is-active)
                if daemon_pid "$key" >/dev/null; then ((quiet)) || echo active
                else ((quiet)) || echo inactive; rc=3; fi ;;
            is-failed)   # the shim does not track "failed": never reports it
                if daemon_pid "$key" >/dev/null; then ((quiet)) || echo active
                else ((quiet)) || echo inactive; fi
                rc=1 ;;
            is-enabled) ((quiet)) || echo enabled ;;
            show) shim_show "$u" "$key" "${props:-MainPID,ActiveState}" "$value_only" ;;
            enable | disable) ;;
            status) shim_status "$u" "$key" || rc=3 ;;
            stop) daemon_stop "$key" ;;
            start)
                if ! daemon_start "$key"; then
                    _shim_failed "$u" "$key"; rc=1
                fi ;;
            restart | reload-or-restart | try-restart)
                if [[ $verb == try-restart ]] && ! daemon_pid "$key" >/dev/null; then continue; fi
                daemon_stop "$key"
                if ! daemon_start "$key"; then
                    _shim_failed "$u" "$key"; rc=1
                fi ;;
        esac
    done
    return "$rc"
}

_shim_failed() {
    local u=$1 key=$2 reason=$D_FAIL
    echo "Job for $u.service failed because the control process exited with error code." >&2
    echo "See \"systemctl status $u.service\" and \"journalctl -xeu $u.service\" for details." >&2
    # what systemd would have in the journal: keep the reason next to the daemon's log
    daemon_spec "$key"
    printf '[%s] lab shim: %s\n' "$(date '+%F %T')" "$reason" >>"$D_OUT"
}
