# shellcheck shell=bash
# lab/lib/drills.sh - real faults for the bot's drills (netns mode only): a shifted clock inside one
# node, a node "power cut" followed by a boot, a killed / stopped slurmd, a killed sshd, a cut link and
# a firewall that drops a port (nftables in the node's network namespace).  `lab/lab restore` undoes
# all of them.

FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1

cmd_drill() {
    need_root
    [[ $(lab_mode) == netns ]] || die "drills need LAB_MODE=netns (a node's own mount view and daemons)"
    local what=${1:-} node=${2:-}
    is_node_name "$node" && (($(node_index "$node") >= 1 && $(node_index "$node") <= $(lab_nodes))) \
        || die "usage: lab/lab drill clock-skew NODE SECONDS | clock-sync NODE | power-off NODE | boot NODE | $DRILL_FAULTS"
    case $what in
        clock-skew) drill_clock_skew "$node" "${3:?seconds, e.g. +600}" ;;
        clock-sync) drill_clock_sync "$node" ;;
        power-off) drill_power_off "$node" ;;
        boot) drill_boot "$node" ;;
        slurmd-kill) drill_signal "$node" slurmd KILL ;;
        slurmd-stop) drill_signal "$node" slurmd STOP ;;
        slurmd-cont) drill_signal "$node" slurmd CONT ;;
        sshd-kill) drill_signal "$node" sshd TERM ;;
        link-cut) drill_link "$node" down ;;
        link-heal) drill_link "$node" up ;;
        firewall-drop) drill_firewall_drop "$node" "${3:-6818}" ;;
        firewall-clear) drill_firewall_clear "$node" ;;
        *) die "unknown drill '$what' (clock-skew, clock-sync, power-off, boot, $DRILL_FAULTS)" ;;
    esac
}

DRILL_FAULTS="slurmd-kill|slurmd-stop|slurmd-cont NODE | sshd-kill NODE | link-cut|link-heal NODE | firewall-drop NODE [PORT] | firewall-clear NODE"
DRILL_NFT_TABLE=slurmlab_drill

# One signal to one daemon of the node: KILL (a crash: the PID file stays, the process is gone), STOP/CONT
# (slurmd present but frozen, state T), TERM for sshd (the listener only: sessions already open live on,
# as they would on a real node).
drill_signal() {
    local node=$1 daemon=$2 sig=$3 pid
    pid=$(daemon_pid "$node/$daemon") || die "$node/$daemon is not running"
    kill "-$sig" "$pid" || die "kill -$sig $pid failed"
    say "[lab] $node: $daemon (pid $pid) got SIG$sig"
}

# A cut cable: the node's veth on the bridge goes down (`restore` or link-heal puts it back up).
drill_link() {
    local node=$1 state=$2 i
    i=$(node_index "$node")
    if [[ $state == down ]]; then
        ip link set "$(node_veth "$i")" down || die "could not set the link of $node down"
    else
        net_node_up "$i" || die "could not bring the link of $node up"
    fi
    say "[lab] $node: link $state"
}

# A firewall on the node that silently drops one TCP port (nftables in the node's network namespace).
drill_firewall_drop() {
    local node=$1 port=$2
    [[ $port =~ ^[0-9]+$ ]] || die "port must be a number, e.g. 6818"
    command -v nft >/dev/null || die "nft is not installed (package nftables); run lab/lab up to install it"
    drill_firewall_clear "$node" >/dev/null
    printf 'table inet %s {\n chain input {\n  type filter hook input priority 0; policy accept;\n  tcp dport %s drop\n }\n}\n' \
        "$DRILL_NFT_TABLE" "$port" | nsenter --net="/run/netns/lab-$node" nft -f - || die "nft failed on $node"
    say "[lab] $node: tcp port $port dropped by nftables"
}

drill_firewall_clear() {
    local node=$1
    command -v nft >/dev/null || return 0
    nsenter --net="/run/netns/lab-$node" nft list table inet "$DRILL_NFT_TABLE" >/dev/null 2>&1 || return 0
    nsenter --net="/run/netns/lab-$node" nft delete table inet "$DRILL_NFT_TABLE" || die "could not clear nft on $node"
    say "[lab] $node: drill firewall removed"
}

drill_clock_dir() { printf '%s/drills/%s-clock' "$LAB" "$1"; }

# The node's processes see the clock shifted by SECONDS: libfaketime through /etc/ld.so.preload and
# /etc/faketimerc.  Neither file exists on the head, and a bind mount needs an existing target, so the
# node's mount view gets an overlay on /etc whose upper layer holds just those two files (the head's
# /etc is never written).  The overlay hides the node's own /etc binds, so they are put back on top.
# libfaketime leaves a semaphore and a shm segment per process, named by PID, in /dev/shm: a private
# tmpfs keeps them out of the head's /dev/shm and goes away with the drill.
# munged keeps the real clock: libfaketime 0.9.10 creates its semaphore as root in setpriv, and munged
# (user munge, the same PID after exec) then exits with "sem_open failed and recreation attempts
# failed: Permission denied" (FAKETIME_SKIP_CMDS does not help: the semaphore comes first).  So only
# slurmd and sshd restart into the fake; munged, started before the overlay, runs on.
drill_clock_skew() {
    local node=$1 offset=$2 dir d
    [[ $offset =~ ^[+-][0-9]+$ ]] || die "clock offset must be signed seconds, e.g. +600"
    [[ -r $FAKETIME_LIB ]] || die "libfaketime is not installed ($FAKETIME_LIB); run lab/lab up to install it"
    dir=$(drill_clock_dir "$node") d=$(node_dir "$node")
    drill_clock_unmount "$node"
    rm -rf "$dir"; mkdir -p "$dir/upper" "$dir/work"
    printf '%s\n' "$FAKETIME_LIB" >"$dir/upper/ld.so.preload"
    printf '%s\n' "$offset" >"$dir/upper/faketimerc"
    node_run "$node" /bin/sh -ec '
        mount -t overlay lab-clock -o "lowerdir=/etc,upperdir=$1/upper,workdir=$1/work" /etc
        mount --bind "$2/etc-slurm" /etc/slurm
        mount --bind "$2/munge/etc" /etc/munge
        mount -t tmpfs -o mode=1777,size=16m lab-clock-shm /dev/shm' sh "$dir" "$d" || die "could not mount the clock overlay on $node"
    daemon_stop "$node/slurmd" "$node/sshd"
    start_or_die "$node/slurmd" "$node/sshd"
    say "[lab] $node: clock shifted by $offset s (libfaketime in the node's mount view)"
}

# The "repair" of a faked clock: remove the fake (chrony's makestep cannot undo libfaketime).
drill_clock_sync() {
    local node=$1
    drill_clock_unmount "$node"
    rm -rf "$(drill_clock_dir "$node")"
    drill_restart_node "$node"
    say "[lab] $node: clock fake removed"
}

drill_clock_unmount() {
    local node=$1
    [[ -e $LABNS/$node.mnt ]] || return 0
    node_run "$node" /bin/sh -c '
        grep -q " /etc overlay " /proc/self/mounts || exit 0
        umount /dev/shm; umount /etc/munge; umount /etc/slurm; umount /etc' sh || die "could not unmount the clock overlay on $node"
}

# The node's daemons restart so that each exec sees the node's current /etc.
drill_restart_node() {
    local node=$1
    daemon_stop "$node/slurmd" "$node/sshd" "$node/munged"
    start_or_die "$node/munged" "$node/slurmd" "$node/sshd"
}

# A power cut: all of the node's daemons die at once (SIGKILL, no shutdown path runs).
drill_power_off() {
    local node=$1 key pid pids=()
    for key in "$node/slurmd" "$node/munged" "$node/sshd"; do
        if pid=$(daemon_pid "$key"); then pids+=("$pid"); fi
    done
    # A power-off takes every process of the node, not just the daemons: the per-connection sshd
    # children of sessions already open (the bot's pooled SSH connection) would otherwise outlive
    # their listener and keep the node "reachable".
    if [[ $(lab_mode) == netns ]]; then
        while read -r pid; do [[ -n $pid ]] && pids+=("$pid"); done < <(ip netns pids "lab-$node" 2>/dev/null)
    fi
    ((${#pids[@]})) && kill -KILL "${pids[@]}" 2>/dev/null
    for key in "$node/slurmd" "$node/munged" "$node/sshd"; do daemon_spec "$key" && rm -f "$D_PIDFILE"; done
    say "[lab] $node: powered off (killed ${pids[*]:-nothing})"
}

# A boot: the daemons come up in boot order; nothing is resumed (ReturnToService decides).
drill_boot() {
    local node=$1
    start_or_die "$node/munged" "$node/slurmd" "$node/sshd"
    say "[lab] $node: booted"
}

# Called by `lab/lab restore`: undo every clock fake (the daemons that saw it restart).
drills_restore() {
    local node pid
    [[ $(lab_mode) == netns ]] || return 0
    for node in $(node_list); do
        [[ -d $(drill_clock_dir "$node") ]] && drill_clock_sync "$node"
        [[ -e /run/netns/lab-$node ]] && drill_firewall_clear "$node"
        # a slurmd left stopped (SIGSTOP) wakes up
        if pid=$(daemon_pid "$node/slurmd"); then kill -CONT "$pid" 2>/dev/null || true; fi
    done
    return 0
}
