# shellcheck shell=bash
# lab/lib/drills.sh - real faults for the bot's drills (netns mode only): a shifted clock inside one
# node, and a node "power cut" followed by a boot.  `lab/lab restore` undoes all of them.

FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1

cmd_drill() {
    need_root
    [[ $(lab_mode) == netns ]] || die "drills need LAB_MODE=netns (a node's own mount view and daemons)"
    local what=${1:-} node=${2:-}
    is_node_name "$node" && (($(node_index "$node") >= 1 && $(node_index "$node") <= $(lab_nodes))) \
        || die "usage: lab/lab drill clock-skew NODE SECONDS | clock-sync NODE | power-off NODE | boot NODE"
    case $what in
        clock-skew) drill_clock_skew "$node" "${3:?seconds, e.g. +600}" ;;
        clock-sync) drill_clock_sync "$node" ;;
        power-off) drill_power_off "$node" ;;
        boot) drill_boot "$node" ;;
        *) die "unknown drill '$what' (clock-skew, clock-sync, power-off, boot)" ;;
    esac
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
    local node
    [[ $(lab_mode) == netns ]] || return 0
    for node in $(node_list); do
        [[ -d $(drill_clock_dir "$node") ]] && drill_clock_sync "$node"
    done
    return 0
}
