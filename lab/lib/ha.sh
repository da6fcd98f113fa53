# shellcheck shell=bash
# Optional backup controller (`lab/lab ha up|down`, netns mode only): host ctl2 at
# 10.250.0.2 in its own network/UTS/mount namespaces, listed second in SlurmctldHost.
# It shares the head's /etc/slurm, munged socket and StateSaveLocation (as the shared
# file system of a real HA pair) and has its own pid file and log through bind mounts
# of $LAB/nodes/ctl2/{run,log} over the head's paths in its mount view.

HA_HOST=ctl2
HA_ADDR=$BRIDGE_NET.2
HA_VETH=lvctl2

ha_enabled() { [[ $(state_get ha) == 1 ]]; }
is_ha_host() { [[ $1 == "$HA_HOST" ]]; }

# ha_conf_lines: the slurm.conf lines HA adds (none without HA, so the default is unchanged)
ha_conf_lines() {
    ha_enabled || return 0
    printf 'SlurmctldHost=%s(%s)\n' "$HA_HOST" "$HA_ADDR"
    # seconds the backup waits for a silent primary before it takes control
    printf 'SlurmctldTimeout=%s\n' "${LAB_CTLD_TIMEOUT:-6}"
}
# ha_accounting_host: slurmdbd as both controllers reach it (ctl2's localhost is its own)
ha_accounting_host() {
    if ha_enabled; then printf '%s-%s' "$(head_name)" "$BRIDGE"; else printf localhost; fi
}
ha_hosts_line() { ha_enabled && printf '%s %s\n' "$HA_ADDR" "$HA_HOST"; return 0; }

ha_keys() { ha_enabled && printf '%s\n' "$HA_HOST/slurmctld"; return 0; }

# ha_net_up: netns lab-ctl2 with veth lvctl2 <-> eth0 at 10.250.0.2/24 on the bridge
ha_net_up() {
    [[ -e /run/netns/lab-$HA_HOST ]] || ip netns add "lab-$HA_HOST" || return 1
    if [[ ! -e /sys/class/net/$HA_VETH ]]; then
        ip link add "$HA_VETH" type veth peer name eth0 netns "lab-$HA_HOST" || return 1
    fi
    ip link set "$HA_VETH" master "$BRIDGE" up || return 1
    ip -n "lab-$HA_HOST" link set lo up || return 1
    ip -n "lab-$HA_HOST" addr replace "$HA_ADDR/24" dev eth0 || return 1
    ip -n "lab-$HA_HOST" link set eth0 up
}

# ha_ns_up: persistent UTS + mount namespaces for ctl2 (hostname ctl2, private run/log, shim)
ha_ns_up() {
    local d
    d=$(node_dir "$HA_HOST")
    mkd 0755 root:root "$d"
    mkd 0755 slurm:slurm "$d/log" "$d/run"
    if mountpoint -q "$LABNS/$HA_HOST.mnt" && mountpoint -q "$LABNS/$HA_HOST.uts"; then return 0; fi
    umount "$LABNS/$HA_HOST.mnt" "$LABNS/$HA_HOST.uts" 2>/dev/null || true
    touch "$LABNS/$HA_HOST.uts" "$LABNS/$HA_HOST.mnt"
    unshare --uts="$LABNS/$HA_HOST.uts" --mount="$LABNS/$HA_HOST.mnt" --propagation private -- \
        /bin/sh -ec '
        host=$1 d=$2 lab=$3 logdir=$4
        hostname "$host"
        mount --bind "$d/run" "$lab/slurm/run"
        mount --bind "$d/log" "$logdir"
        mount --bind "$lab/bin/systemctl" /usr/bin/systemctl
        if [ -e /root/.bashrc ]; then mount --bind "$lab/etc/empty-bashrc" /root/.bashrc; fi
        ' sh "$HA_HOST" "$d" "$LAB" "$LOG_DIR" && return 0
    umount "$LABNS/$HA_HOST.mnt" "$LABNS/$HA_HOST.uts" 2>/dev/null || true
    return 1
}

# ha_teardown: ctl2's daemon, namespaces and link (the hosts block is rewritten by `up`)
ha_teardown() {
    daemon_stop "$HA_HOST/slurmctld"
    local f
    for f in "$LABNS/$HA_HOST.mnt" "$LABNS/$HA_HOST.uts"; do
        [[ -e $f ]] || continue
        umount "$f" 2>/dev/null || true
        rm -f "$f"
    done
    [[ -e /sys/class/net/$HA_VETH ]] && ip link del "$HA_VETH" 2>/dev/null
    [[ -e /run/netns/lab-$HA_HOST ]] && ip netns del "lab-$HA_HOST" 2>/dev/null
    return 0
}

# ready_slurmctld_backup: ctl2's slurmctld listens in its netns (a standby backup answers pings)
ready_slurmctld_backup() { port_listening "$HA_HOST" 6817; }

# cmd_ha up|down: turn the backup controller on or off; `up` then does the restarts
cmd_ha() {
    need_root; need_head
    [[ -f $STATE_DIR/mode ]] || die "the lab was never brought up; run 'lab/lab up' first"
    [[ $(lab_mode) == netns ]] || die "a backup controller needs netns mode (this lab runs in $(lab_mode) mode)"
    case ${1:-} in
        up) state_set ha 1; cmd_up ;;
        down)
            step_begin "stop $HA_HOST/slurmctld, remove its namespaces"
            ha_teardown
            rm -f "$STATE_DIR/ha"
            step_end
            cmd_up ;;
        *) die "usage: lab/lab ha up | ha down" ;;
    esac
}
