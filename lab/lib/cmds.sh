# shellcheck shell=bash
# Subcommands: up, down, status, env, wait-idle, node-exec, restore.

need_root() { [[ $(id -u) == 0 ]] || die "must run as root"; }
need_head() {
    local n
    if n=$(in_node); then die "run lab/lab on the head (root namespace), not inside $n"; fi
}

# any_running: is any lab daemon alive (by PID file)?
any_running() {
    local f key
    for f in "$PID_DIR"/*.pid; do
        [[ -e $f ]] || continue
        key=$(pidfile_key "$f") || continue
        daemon_pid "$key" >/dev/null 2>&1 && return 0
    done
    return 1
}
# pidfile_key FILE -> daemon key
pidfile_key() {
    local b=${1##*/}; b=${b%.pid}
    case $b in
        munged | mariadb | slurmdbd | slurmctld) printf 'head/%s' "$b" ;;
        munged-node* | slurmd-node* | sshd-node* | slurmctld-ctl2) printf '%s/%s' "${b#*-}" "${b%%-*}" ;;
        sshd-targets-*) printf 'targets/%s' "${b#sshd-targets-}" ;;
        *) return 1 ;;
    esac
}

# node_states: fills NODE_STATE[node]=compact state (sinfo %t), returns 1 if sinfo fails
declare -A NODE_STATE=()
node_states() {
    local out name st
    NODE_STATE=()
    out=$(sinfo -h -N -o '%N %t' 2>/dev/null) || return 1
    while read -r name st; do
        [[ -n $name ]] && NODE_STATE[$name]=$st
    done <<<"$out"
    return 0
}
# state_ok STATE MODE: idle => only "idle"; healthy => responding and not down/unknown
state_ok() {
    local st=$1 want=$2
    case $want in
        idle) [[ $st == idle ]] ;;
        *) [[ $st != *'*' && $st != down* && $st != unk* && $st != fail* && $st != inval* && -n $st ]] ;;
    esac
}
# wait_nodes WANT TIMEOUT: until every lab node is in the wanted state
wait_nodes() {
    local want=$1 timeout=$2 deadline node bad
    deadline=$((SECONDS + timeout))
    while :; do
        bad=""
        if node_states; then
            for node in $(node_list); do
                state_ok "${NODE_STATE[$node]:-}" "$want" || bad+=" $node=${NODE_STATE[$node]:-?}"
            done
        else
            bad=" (sinfo failed)"
        fi
        [[ -z $bad ]] && return 0
        if ((SECONDS >= deadline)); then
            WAIT_BAD=$bad
            return 1
        fi
        sleep 0.2
    done
}

# start_node_daemons ASSOC WHY: for munged, then slurmd, then sshd: stop the keys marked in
# the associative array ASSOC (if running), then start that daemon on all nodes in parallel.
start_node_daemons() {
    local -n _restart=$1
    local why=$2 kind node key keys stop
    for kind in munged slurmd sshd; do
        keys=() stop=()
        for node in $(node_list); do
            key=$node/$kind
            daemon_spec "$key" || continue          # multi mode: slurmd only
            keys+=("$key")
            if [[ -n ${_restart[$key]:-} ]] && daemon_pid "$key" >/dev/null; then stop+=("$key"); fi
        done
        if ((${#stop[@]})); then
            daemon_stop "${stop[@]}"
            say "[lab] stopped ${stop[*]} ($why)"
        fi
        if ((${#keys[@]})); then start_or_die "${keys[@]}"; fi
    done
}

# ---------------------------------------------------------------- up
cmd_up() {
    need_root; need_head
    local t_all=$EPOCHREALTIME mode nodes prev_mode prev_nodes fallback=0 i node key
    declare -A restart=()

    step_begin "packages"
    pkgs_missing
    if ((${#MISSING_PKGS[@]})); then ensure_packages; fi
    step_end "$(( ${#PACKAGES[@]} - ${#MISSING_PKGS[@]} ))/${#PACKAGES[@]} were installed"

    # ---- mode and size
    nodes=${LAB_NODES:-4}
    [[ $nodes =~ ^[0-9]+$ ]] && ((nodes >= 1 && nodes <= 16)) || die "LAB_NODES must be 1..16 (got '$nodes')"
    prev_mode=$(state_get mode); prev_nodes=$(state_get nodes)
    # extra (slurm.conf-only) nodes: sticky like the rest of the state; changing them needs no `down`
    local extra=${LAB_EXTRA_NODES:-$(state_get extra)}
    extra=${extra:-0}
    [[ $extra =~ ^[0-9]+$ ]] && ((extra <= EXTRA_MAX)) || die "LAB_EXTRA_NODES must be 0..$EXTRA_MAX (got '$extra')"
    if any_running; then
        mode=$prev_mode
        [[ -n ${LAB_MODE:-} && ${LAB_MODE} != "$mode" ]] \
            && die "the lab is running in mode '$mode'; run 'lab/lab down' before LAB_MODE=$LAB_MODE lab/lab up"
        [[ -n ${LAB_NODES:-} && $nodes != "$prev_nodes" ]] \
            && die "the lab is running with $prev_nodes nodes; run 'lab/lab down' before LAB_NODES=$nodes lab/lab up"
        nodes=$prev_nodes
    else
        mode=${LAB_MODE:-}
        case $mode in
            netns) netns_supported || die "LAB_MODE=netns, but 'ip netns add' is refused on this machine" ;;
            multi) ;;
            "") if netns_supported; then mode=netns; else mode=multi; fallback=1; fi ;;
            *) die "LAB_MODE must be netns or multi (got '$mode')" ;;
        esac
    fi
    if ((fallback)); then
        say "[lab] NOTICE: 'ip netns add' was refused -> FELL BACK to multi mode (several slurmd on one host)."
    fi
    if [[ $mode == multi ]]; then
        say "[lab] multi mode: all nodes share the host's hostname, address, /etc/slurm, munged and sshd."
        say "[lab]   Not available: per-node hostname/address, per-node slurm.conf or munge key (drift"
        say "[lab]   drills), ssh to nodeNNN, systemctl inside a node (use '\$LAB/bin/systemctl restart"
        say "[lab]   slurmd@nodeNNN' on the head), network partitions (no lvNNN links)."
    fi

    step_begin "directories, users, state ($mode, $nodes nodes)"
    ensure_dirs
    if [[ -n $prev_mode && $prev_mode != "$mode" ]]; then
        # node addresses change with the mode: old node state would not match
        find "$LAB/slurm/state" -mindepth 1 -delete
    fi
    ((extra > 0)) && [[ $mode != netns ]] && die "LAB_EXTRA_NODES needs netns mode (their addresses live behind its guard route)"
    state_set mode "$mode"; state_set nodes "$nodes"; state_set head "$(hostname -s)"; state_set extra "$extra"
    CUR_MODE=$mode CUR_NODES=$nodes CUR_EXTRA=$extra
    ensure_users
    step_end

    if [[ $mode == netns ]]; then
        step_begin "guard route $GUARD_NET unreachable"
        net_guard_route || die "could not add the guard route"
        step_end
        step_begin "/etc/hosts lab block"
        hosts_block_add || die "could not write the /etc/hosts block"
        step_end
        step_begin "bridge $BRIDGE $BRIDGE_ADDR/24, netns + veth x$nodes"
        net_bridge_up || die "could not set up bridge $BRIDGE"
        for ((i = 1; i <= nodes; i++)); do
            net_node_up "$i" || die "could not set up the network of $(node_name "$i")"
        done
        if ha_enabled; then ha_net_up || die "could not set up the network of $HA_HOST"; fi
        step_end
    fi

    step_begin "config: slurm.conf, slurmdbd.conf, my.cnf, shim, ssh"
    write_head_config
    write_shim
    ssh_setup
    step_end "$([[ $CONF_CHANGED == 1 ]] && echo "slurm.conf changed")"
    if [[ $CONF_CHANGED == 1 ]]; then
        restart[head/slurmctld]=1
        for node in $(node_list); do restart[$node/slurmd]=1; done
    fi
    [[ $DBD_CONF_CHANGED == 1 ]] && restart[head/slurmdbd]=1
    [[ $MYCNF_CHANGED == 1 ]] && restart[head/mariadb]=1

    step_begin "node files$([[ $mode == netns ]] && echo ", uts+mnt namespaces")"
    [[ $mode == netns ]] && labns_base
    for node in $(node_list); do
        node_files "$node"
        [[ $NODE_CONF_CHANGED == 1 ]] && restart[$node/slurmd]=1
        if [[ $NODE_KEY_CHANGED == 1 ]]; then restart[$node/munged]=1; restart[$node/slurmd]=1; fi
        if [[ $mode == netns ]]; then node_ns_up "$node" || die "could not create the namespaces of $node"; fi
    done
    if ha_enabled; then ha_ns_up || die "could not create the namespaces of $HA_HOST"; fi
    step_end

    # ---- head daemons
    [[ $CONF_CHANGED == 1 ]] && restart[$HA_HOST/slurmctld]=1
    for key in $(head_keys) $(ha_keys); do
        [[ -n ${restart[$key]:-} ]] && daemon_pid "$key" >/dev/null && { daemon_stop "$key"; say "[lab] stopped $key (its configuration or munge key changed)"; }
        start_or_die "$key"
        if [[ $key == head/mariadb ]]; then
            step_begin "mariadb: database slurm_acct_db, user slurm, accounts slurmops_verify and slurmops_maxconn"
            db_setup
            step_end
        fi
    done
    step_begin "accounting: cluster, QOS, account, users"
    acct_setup
    step_end "${#ACCT_ADDED[@]} added"

    # ---- nodes
    start_node_daemons restart "its configuration or munge key changed"

    step_begin "nodes registered and responding"
    if ! wait_nodes healthy 60; then
        printf 'lab: ERROR: nodes did not come up within 60s:%s\n' "$WAIT_BAD" >&2
        tail_log "$LOG_DIR/slurmctld.log" 15
        exit 1
    fi
    node_states
    local drained=""
    for node in $(node_list); do [[ ${NODE_STATE[$node]} == idle || ${NODE_STATE[$node]} == alloc || ${NODE_STATE[$node]} == mix ]] || drained+=" $node=${NODE_STATE[$node]}"; done
    step_end "$(sinfo -h -o '%D nodes %t' | paste -sd, -)"
    [[ -n $drained ]] && warn "not idle:$drained (admin state kept from before; 'lab/lab restore' resumes them)"

    if [[ $mode == netns ]]; then
        step_begin "ssh to every node (strict host key check)"
        ssh_check_nodes || exit 1
        step_end
    fi
    [[ -n $(state_get targets) ]] && targets_up "$(state_get targets)"

    summary "$t_all"
}

ssh_check_nodes() {
    local node pids=() names=() i rc=0 out
    for node in $(node_list); do
        ssh -F "$SSH_DIR/ssh_config" -o KexAlgorithms=curve25519-sha256 "$node" true >"$RUN_DIR/sshcheck.$node" 2>&1 &
        pids+=("$!"); names+=("$node")
    done
    for i in "${!pids[@]}"; do
        if ! wait "${pids[i]}"; then
            out=$(cat "$RUN_DIR/sshcheck.${names[i]}")
            printf 'lab: ERROR: ssh %s true failed: %s\n' "${names[i]}" "$out" >&2
            rc=1
        fi
        rm -f "$RUN_DIR/sshcheck.${names[i]}"
    done
    return "$rc"
}

summary() {
    local t0=$1 mode
    mode=$(lab_mode)
    say "[lab] lab is UP in $(elapsed "$t0")s: mode $mode, $(lab_nodes) nodes $(node_hostlist), cluster 'lab', partition 'debug'"
    if [[ $mode == netns ]]; then
        say "      controller $(head_name)($BRIDGE_ADDR):6817; nodes $BRIDGE_NET.11-$((10 + $(lab_nodes))) (slurmd :6818, sshd :22)"
        say "      ssh -F $SSH_DIR/ssh_config node001 CMD    (systemctl in a node = lab shim)"
        say "      node logs $LAB/nodes/NODE/log/ (slurmd.log = /var/log/slurm/slurmd.log inside the node)"
    else
        say "      controller $(head_name)(127.0.0.1):6817; slurmd 127.0.0.1:17001-$((17000 + $(lab_nodes))); no per-node ssh"
        say "      node logs $LAB/nodes/NODE/log/slurmd.log"
    fi
    say "      slurmdbd localhost:6819; MariaDB 127.0.0.1:3306, socket $MYSQL_SOCK"
    say "      config $SLURM_CONF $SLURMDBD_CONF $MUNGE_KEY (Slurm clients need no env)"
    say "      head service manager: $BIN_DIR/systemctl; head logs $LOG_DIR/"
}

# ---------------------------------------------------------------- down
cmd_down() {
    need_root; need_head
    local wipe=0 t0=$EPOCHREALTIME f key nkeys=() ids pid
    case ${1:-} in --wipe) wipe=1 ;; "") ;; *) die "usage: lab/lab down [--wipe]" ;; esac

    if [[ -n $(state_get targets) ]] || compgen -G "$PID_DIR/sshd-targets-*.pid" >/dev/null; then
        step_begin "stop ssh targets"; targets_down quiet; step_end "${#D_STOPPED[@]} stopped"
    fi

    # Pending jobs survive a down/up (slurmctld saves its state).  Running jobs cannot:
    # in netns mode their processes are ended below with the node's namespaces (like a
    # power cut); in multi mode they cannot be told apart from host processes, so they
    # are cancelled while slurmctld still runs.
    if [[ $(lab_mode) == multi ]] && daemon_pid head/slurmctld >/dev/null 2>&1; then
        ids=$(squeue -h -t RUNNING,COMPLETING,SUSPENDED -o %i 2>/dev/null) || ids=""
        if [[ -n $ids ]]; then
            step_begin "cancel running jobs (multi mode)"
            # shellcheck disable=SC2086
            scancel $ids 2>/dev/null || true
            local deadline=$((SECONDS + 10))
            while [[ -n $(squeue -h -t RUNNING,COMPLETING,SUSPENDED -o %i 2>/dev/null) ]] && ((SECONDS < deadline)); do
                sleep 0.2
            done
            step_end "$(wc -w <<<"$ids") job(s)"
        fi
    fi

    # the service managers' environments (systemctl set-environment) end with the "machine",
    # as systemd's do at a reboot: a leftover SLURMCTLD_OPTIONS=-i must not reach the next up
    rm -f "$STATE_DIR"/manager-environment.*

    step_begin "stop node daemons"
    for f in "$PID_DIR"/sshd-node*.pid "$PID_DIR"/slurmd-node*.pid "$PID_DIR"/munged-node*.pid; do
        [[ -e $f ]] && nkeys+=("$(pidfile_key "$f")")
    done
    # sshd and slurmd first, then the node munged
    daemon_stop $(printf '%s\n' "${nkeys[@]}" | grep -v '/munged$' || true)
    local n1=${#D_STOPPED[@]}
    daemon_stop $(printf '%s\n' "${nkeys[@]}" | grep '/munged$' || true)
    step_end "$((n1 + ${#D_STOPPED[@]})) stopped"

    if [[ -d $LABNS ]]; then
        local node p c left=()
        while read -r p node; do
            c=$(cat "/proc/$p/comm" 2>/dev/null) || continue
            pid_gone "$p" && continue
            left+=("$p")
            say "[lab] ending leftover process in $node: pid $p ($c)"
            kill -TERM "$p" 2>/dev/null || true
        done < <(lab_ns_procs)
        if ((${#left[@]})); then
            local deadline=$((SECONDS + 5))
            for p in "${left[@]}"; do
                while ! pid_gone "$p" && ((SECONDS < deadline)); do sleep 0.05; done
                pid_gone "$p" || kill -KILL "$p" 2>/dev/null || true
            done
        fi
    fi

    for key in head/slurmctld head/slurmdbd head/mariadb head/munged; do
        step_begin "stop $key"
        daemon_stop "$key"
        step_end "$( ((${#D_STOPPED[@]})) && echo stopped || echo "was not running")"
    done

    step_begin "namespaces, netns, bridge, /etc/hosts block"
    ha_teardown
    net_teardown
    step_end "guard route $GUARD_NET kept"

    if ((wipe)); then
        step_begin "wipe: restore saved system files, delete $LAB"
        backup_restore_all
        rm -rf -- "$LAB"
        step_end
    fi
    say "[lab] lab is DOWN ($(elapsed "$t0")s)"
}

# ---------------------------------------------------------------- status
cmd_status() {
    local key pid all=0 up=0
    if [[ ! -f $STATE_DIR/mode ]]; then
        say "lab: not set up (no $STATE_DIR/mode)"
        return 1
    fi
    say "lab: mode $(lab_mode), $(lab_nodes) nodes $(node_hostlist), dir $LAB"
    printf '%-18s %-5s %s\n' DAEMON STATE PID
    for key in $(head_keys) $(ha_keys) $(for n in $(node_list); do node_keys "$n"; done) $(target_keys); do
        all=$((all + 1))
        if pid=$(daemon_pid "$key"); then
            printf '%-18s %-5s %s\n' "$key" up "$pid"; up=$((up + 1))
        else
            printf '%-18s %-5s %s\n' "$key" down -
        fi
    done
    say "$up/$all daemons up"
    ((up == all))
}

# ---------------------------------------------------------------- env
cmd_env() {
    # Slurm, munge and MariaDB use Debian's default locations (/etc/slurm/slurm.conf,
    # /etc/munge, /run/munge/munge.socket.2, /run/mysqld/mysqld.sock), exactly as on a
    # real controller: clients need no variable, so nothing is printed.
    return 0
}

# ---------------------------------------------------------------- wait-idle
cmd_wait_idle() {
    local timeout=${1:-60} t0=$EPOCHREALTIME
    [[ $timeout =~ ^[0-9]+$ ]] || die "usage: lab/lab wait-idle [SECONDS]"
    if wait_nodes idle "$timeout"; then
        say "[lab] all nodes idle ($(elapsed "$t0")s)"
    else
        printf 'lab: ERROR: not all nodes idle after %ss:%s\n' "$timeout" "$WAIT_BAD" >&2
        return 1
    fi
}

# ---------------------------------------------------------------- node-exec
cmd_node_exec() {
    local node=${1:-}
    [[ -n $node && $# -ge 2 ]] || die "usage: lab/lab node-exec NODE CMD..."
    shift
    is_node_name "$node" && (($(node_index "$node") >= 1 && $(node_index "$node") <= $(lab_nodes))) \
        || die "unknown node '$node' (lab has $(node_hostlist))"
    if [[ $(lab_mode) == netns ]]; then
        [[ -e /run/netns/lab-$node && -e $LABNS/$node.mnt ]] || die "$node has no namespaces (is the lab up?)"
        exec /usr/bin/nsenter --net="/run/netns/lab-$node" --uts="$LABNS/$node.uts" \
            --mount="$LABNS/$node.mnt" -- "$@"
    else
        exec "$@"      # multi mode: every node is the host itself
    fi
}

# ---------------------------------------------------------------- restore
cmd_restore() {
    need_root; need_head
    local t0=$EPOCHREALTIME mode node key i nodes resumed=()
    [[ -f $STATE_DIR/mode ]] || die "the lab was never brought up; run 'lab/lab up'"
    mode=$(lab_mode); nodes=$(lab_nodes)
    CUR_MODE=$mode CUR_NODES=$nodes
    declare -A restart=()

    if [[ $mode == netns ]]; then
        step_begin "network: guard route, hosts block, bridge, links"
        net_guard_route
        hosts_block_add
        net_bridge_up
        for ((i = 1; i <= nodes; i++)); do net_node_up "$i" || die "could not restore the network of $(node_name "$i")"; done
        labns_base
        step_end
    fi
    write_shim

    start_or_die $(head_keys)
    drills_restore

    node_states || true
    step_begin "sync slurm.conf + munge key to nodes"
    local synced=""
    for node in $(node_list); do
        node_files "$node"
        [[ $mode == netns ]] && { node_ns_up "$node" || die "could not create the namespaces of $node"; }
        if [[ $NODE_CONF_CHANGED == 1 ]]; then restart[$node/slurmd]=1; synced+=" $node:conf"; fi
        if [[ $NODE_KEY_CHANGED == 1 ]]; then restart[$node/munged]=1; restart[$node/slurmd]=1; synced+=" $node:key"; fi
        # a node the controller sees as not responding/down: restart slurmd to re-register
        state_ok "${NODE_STATE[$node]:-}" healthy || restart[$node/slurmd]=1
    done
    step_end "${synced:-all in sync}"

    start_node_daemons restart "restore"

    step_begin "resume nodes"
    # A restarted slurmd re-registers and ReturnToService=2 brings a down node back by
    # itself within about a second; whatever is still down/drained/failed is resumed.
    local deadline=$((SECONDS + 3)) waiting
    while :; do
        node_states || true
        resumed=() waiting=0
        for node in $(node_list); do
            case ${NODE_STATE[$node]:-} in
                down*) resumed+=("$node"); waiting=1 ;;
                drain* | drng* | fail* | inval*) resumed+=("$node") ;;
            esac
        done
        ((waiting == 0 || SECONDS >= deadline)) && break
        sleep 0.2
    done
    for node in "${resumed[@]}"; do
        scontrol update NodeName="$node" State=RESUME 2>/dev/null || true
    done
    step_end "${resumed[*]:-none needed}"

    if (($(lab_extra) > 0)); then
        # the scale lab's extra nodes: back to FUTURE (hidden, no state) whatever a test set them to
        step_begin "extra nodes $(extra_hostlist) back to FUTURE"
        scontrol update NodeName="$(extra_hostlist)" State=FUTURE 2>/dev/null || true
        step_end
    fi

    step_begin "nodes healthy"
    if ! wait_nodes healthy 60; then
        printf 'lab: ERROR: nodes not healthy after 60s:%s\n' "$WAIT_BAD" >&2
        exit 1
    fi
    step_end "$(sinfo -h -o '%D nodes %t' | paste -sd, -)"
    say "[lab] restore done ($(elapsed "$t0")s)"
}
