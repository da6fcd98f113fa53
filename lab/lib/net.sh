# shellcheck shell=bash
# Network plumbing (netns mode): guard route, /etc/hosts block, bridge, per-node
# network/UTS/mount namespaces, and node_run (enter a node's namespaces).

# node_run NODE CMD...: run CMD inside NODE's namespaces (net+uts+mnt).
# Inside that node already (e.g. the shim over ssh) it runs CMD directly.
# In multi mode there are no node namespaces: CMD runs on the host.
node_run() {
    local node=$1; shift
    node_prefix "$node"
    "${NODE_PREFIX[@]}" "$@"
}
# node_prefix NODE: sets NODE_PREFIX to the argv prefix that enters NODE's namespaces
# (empty inside that node already, and in multi mode).
node_prefix() {
    local node=$1
    NODE_PREFIX=()
    if [[ $(lab_mode) == netns ]] && [[ $(uname -n) != "$node" ]]; then
        NODE_PREFIX=(/usr/bin/nsenter --net="/run/netns/lab-$node" --uts="$LABNS/$node.uts"
                     --mount="$LABNS/$node.mnt" --)
    fi
}

net_guard_route() {
    # Added FIRST: without it, traffic to 10.250.x would leave through the default route
    # whenever the bridge is absent.  `down` leaves it in place.
    ip route replace unreachable "$GUARD_NET"
}

# ---------------------------------------------------------------- /etc/hosts block
# The file is rewritten in place (cat >) because it may be a bind mount.
_hosts_strip() { # stdin -> stdout without the lab block
    awk -v b="$HOSTS_BEGIN" -v e="$HOSTS_END" '
        $0 == b { skip = 1; next }
        $0 == e && skip { skip = 0; next }
        !skip { print }'
}
hosts_block_add() {
    local tmp i n
    n=$(lab_nodes)
    tmp=$(mktemp "$RUN_DIR/.hosts.XXXXXX")
    # Remember the exact pre-lab content once, so `down` can restore it byte for byte.
    if [[ ! -f $RUN_DIR/hosts.orig ]]; then
        # only a block-free file is a valid original
        if cmp -s <(_hosts_strip <"$HOSTS_FILE") <(awk 1 "$HOSTS_FILE"); then
            cp "$HOSTS_FILE" "$RUN_DIR/hosts.orig"
        fi
    fi
    {
        _hosts_strip <"$HOSTS_FILE"
        printf '%s\n' "$HOSTS_BEGIN"
        printf '%s %s\n' "$BRIDGE_ADDR" "$(head_name)-$BRIDGE"
        for ((i = 1; i <= n; i++)); do printf '%s %s\n' "$(node_addr "$i")" "$(node_name "$i")"; done
        ha_hosts_line
        extra_hosts_lines
        printf '%s\n' "$HOSTS_END"
    } >"$tmp"
    if ! cmp -s "$tmp" "$HOSTS_FILE"; then cat "$tmp" >"$HOSTS_FILE"; fi
    rm -f "$tmp"
}
hosts_block_remove() {
    local tmp orig=$RUN_DIR/hosts.orig
    [[ -f $HOSTS_FILE ]] || return 0
    tmp=$(mktemp "${RUN_DIR}/.hosts.XXXXXX" 2>/dev/null || mktemp)
    _hosts_strip <"$HOSTS_FILE" >"$tmp"
    # Unchanged apart from the block: put back the exact original bytes.
    if [[ -f $orig ]] && cmp -s "$tmp" <(awk 1 "$orig"); then cp "$orig" "$tmp"; fi
    if ! cmp -s "$tmp" "$HOSTS_FILE"; then cat "$tmp" >"$HOSTS_FILE"; fi
    rm -f "$tmp" "$orig"
}

# ---------------------------------------------------------------- bridge + netns
net_bridge_up() {
    if [[ ! -e /sys/class/net/$BRIDGE ]]; then
        ip link add "$BRIDGE" type bridge
    fi
    ip addr replace "$BRIDGE_ADDR/24" dev "$BRIDGE"
    ip link set "$BRIDGE" up
}

# netns_supported: can this machine create network namespaces?
netns_supported() {
    local probe=lab-probe-$$
    ip netns add "$probe" 2>/dev/null || return 1
    ip netns del "$probe" 2>/dev/null || true
    return 0
}

# net_node_up I: netns lab-nodeNNN, veth lvNNN <-> eth0 at 10.250.0.(10+I)/24, links up
net_node_up() {
    local i=$1 node veth addr
    node=$(node_name "$i"); veth=$(node_veth "$i"); addr=$(node_addr "$i")
    if [[ ! -e /run/netns/lab-$node ]]; then
        ip netns add "lab-$node" || return 1
    fi
    if [[ ! -e /sys/class/net/$veth ]]; then
        ip link add "$veth" type veth peer name eth0 netns "lab-$node" || return 1
    fi
    ip link set "$veth" master "$BRIDGE" up || return 1
    ip -n "lab-$node" link set lo up || return 1
    ip -n "lab-$node" addr replace "$addr/24" dev eth0 || return 1
    ip -n "lab-$node" link set eth0 up || return 1
}

# labns_base: /run/labns as a private bind mount (ns files must not sit on a shared mount)
labns_base() {
    mkdir -p "$LABNS"
    if ! mountpoint -q "$LABNS"; then mount --bind "$LABNS" "$LABNS"; fi
    mount --make-private "$LABNS"
}

# node_ns_up NODE: persistent UTS + mount namespaces bound to /run/labns/NODE.{uts,mnt}
node_ns_up() {
    local node=$1 d
    d=$(node_dir "$node")
    if mountpoint -q "$LABNS/$node.mnt" && mountpoint -q "$LABNS/$node.uts"; then
        return 0
    fi
    # mount points the node's bind mounts need on the host
    mkd 0755 munge:munge /run/munge
    mkdir -p /var/log/slurm /var/log/munge /var/lib/munge
    umount "$LABNS/$node.mnt" 2>/dev/null || true
    umount "$LABNS/$node.uts" 2>/dev/null || true
    touch "$LABNS/$node.uts" "$LABNS/$node.mnt"
    unshare --uts="$LABNS/$node.uts" --mount="$LABNS/$node.mnt" --propagation private -- \
        /bin/sh -ec '
        node=$1 d=$2 lab=$3
        hostname "$node"
        mount --bind "$d/etc-slurm" /etc/slurm
        mount --bind "$lab/bin/systemctl" /usr/bin/systemctl
        mount --bind "$d/munge/etc" /etc/munge
        mount --bind "$d/munge/run" /run/munge
        mount --bind "$d/munge/lib" /var/lib/munge
        mount --bind "$d/munge/log" /var/log/munge
        mount --bind "$d/log" /var/log/slurm
        if [ -e /root/.bashrc ]; then mount --bind "$lab/etc/empty-bashrc" /root/.bashrc; fi
        ' sh "$node" "$d" "$LAB" && return 0
    # half-made namespaces must not look complete to the next run
    umount "$LABNS/$node.mnt" 2>/dev/null || true
    umount "$LABNS/$node.uts" 2>/dev/null || true
    return 1
}

# lab_ns_procs: "PID NODE" for every process living in a lab node's mount namespace
# (one `stat` over /proc instead of a readlink per process and node)
lab_ns_procs() {
    local f node ino line pid target
    declare -A owner=()
    for f in "$LABNS"/*.mnt; do
        [[ -e $f ]] || continue
        node=${f##*/}; node=${node%.mnt}
        ino=$(ns_inode "$f") && [[ -n $ino ]] && owner[$ino]=$node
    done
    ((${#owner[@]})) || return 0
    while IFS='|' read -r pid target; do
        pid=${pid#/proc/}; pid=${pid%%/*}
        ino=${target##*"mnt:["}; ino=${ino%%"]"*}
        [[ -n ${owner[$ino]:-} && $pid != "$$" ]] && printf '%s %s\n' "$pid" "${owner[$ino]}"
    done < <(stat -c '%n|%N' /proc/[0-9]*/ns/mnt 2>/dev/null)
    return 0
}

net_teardown() {
    local f node veth
    for f in "$LABNS"/*.mnt "$LABNS"/*.uts; do
        [[ -e $f ]] || continue
        umount "$f" 2>/dev/null || true
        rm -f "$f"
    done
    if mountpoint -q "$LABNS"; then umount "$LABNS" 2>/dev/null || true; fi
    rmdir "$LABNS" 2>/dev/null || true
    for f in /run/netns/lab-node*; do
        [[ -e $f ]] || continue
        node=${f#/run/netns/lab-}
        veth=lv${node#node}
        ip link del "$veth" 2>/dev/null || true
        ip netns del "lab-$node" 2>/dev/null || true
    done
    for f in /sys/class/net/lv[0-9][0-9][0-9]; do
        [[ -e $f ]] && ip link del "${f##*/}" 2>/dev/null || true
    done
    if [[ -e /sys/class/net/$BRIDGE ]]; then ip link del "$BRIDGE" 2>/dev/null || true; fi
    hosts_block_remove
}
