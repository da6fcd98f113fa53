# shellcheck shell=bash
# SSH: one dedicated host key for all lab sshds, client key, authorized keys, known_hosts,
# ssh_config, per-node sshd configs and the loopback "targets" for fan-out benchmarks.

ssh_keys() {
    if [[ ! -s $SSH_DIR/ssh_host_ed25519_key ]]; then
        ssh-keygen -q -t ed25519 -N '' -C "slurmlab-hostkey" -f "$SSH_DIR/ssh_host_ed25519_key"
    fi
    if [[ ! -s $SSH_DIR/id_ed25519 ]]; then
        ssh-keygen -q -t ed25519 -N '' -C "slurmlab-client" -f "$SSH_DIR/id_ed25519"
    fi
    chmod 0600 "$SSH_DIR/ssh_host_ed25519_key" "$SSH_DIR/id_ed25519"
    local u
    for u in root labops; do
        write_file "$SSH_DIR/authorized_keys.d/$u" 0644 root:root <"$SSH_DIR/id_ed25519.pub"
    done
}

# sshd_conf_content LISTEN_ADDR... (ip:port)
sshd_conf_content() {
    local a
    printf '%s\n' "$LAB_MARK"
    for a in "$@"; do printf 'ListenAddress %s\n' "$a"; done
    cat <<EOF
HostKey $SSH_DIR/ssh_host_ed25519_key
PidFile none
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
AuthorizedKeysFile $SSH_DIR/authorized_keys.d/%u
MaxStartups 200:30:400
MaxSessions 100
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
}

# known_hosts: one explicit line per node name, node address and target address
write_known_hosts() {
    local key i n t
    key=$(cut -d' ' -f1,2 "$SSH_DIR/ssh_host_ed25519_key.pub")
    n=$(lab_nodes); t=$(state_get targets)
    write_file "$SSH_DIR/known_hosts" 0644 root:root < <(
        if [[ $(lab_mode) == netns ]]; then
            for ((i = 1; i <= n; i++)); do
                printf '%s %s\n' "$(node_name "$i")" "$key" "$(node_addr "$i")" "$key"
            done
        fi
        if [[ -n $t ]]; then
            printf '[localhost]:2222 %s\n' "$key"
            for ((i = 1; i <= t; i++)); do printf '[%s]:2222 %s\n' "$(target_addr "$i")" "$key"; done
        fi
    )
}

write_ssh_config() {
    write_file "$SSH_DIR/ssh_config" 0644 root:root <<EOF
$LAB_MARK. Use: ssh -F $SSH_DIR/ssh_config node001 CMD
Host 127.0.*.* localhost
    Port 2222
Host *
    IdentityFile $SSH_DIR/id_ed25519
    IdentitiesOnly yes
    UserKnownHostsFile $SSH_DIR/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    BatchMode yes
    ConnectTimeout 10
    LogLevel ERROR
EOF
}

ssh_setup() {
    ssh_keys
    write_known_hosts
    write_ssh_config
    if [[ $(lab_mode) == netns ]]; then
        local i n
        n=$(lab_nodes)
        for ((i = 1; i <= n; i++)); do
            write_file "$SSH_DIR/sshd_$(node_name "$i").conf" 0644 root:root \
                < <(sshd_conf_content "$(node_addr "$i"):22")
        done
    fi
}

# ---------------------------------------------------------------- loopback targets
# Target i listens on 127.0.B.H:2222 with B = (i-1)/250 and H = (i-1)%250 + 1: the first 250 keep
# their old addresses 127.0.0.1..250, and 1000 targets fit in 127.0.0.0/22.
TARGETS_MAX=1000
target_addr() { printf '127.0.%d.%d' "$((($1 - 1) / 250))" "$((($1 - 1) % 250 + 1))"; }
# target_range N: the pdsh/hostlist form, e.g. 127.0.0.[1-250],127.0.1.[1-10]
target_range() {
    local n=$1 b out="" last
    for ((b = 0; b * 250 < n; b++)); do
        last=$((n - b * 250)); ((last > 250)) && last=250
        out+="${out:+,}127.0.$b.[1-$last]"
    done
    printf '%s' "$out"
}
targets_up() {
    local n=${1:-} g i first last addrs keys=() running=1 cur
    [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= TARGETS_MAX)) || die "usage: lab/lab targets up N   (1 <= N <= $TARGETS_MAX)"
    ensure_dirs
    ensure_users
    ssh_keys
    write_ssh_config
    cur=$(state_get targets)
    if [[ $cur == "$n" ]]; then
        for g in $(target_keys); do daemon_pid "$g" >/dev/null || running=0; done
        if ((running)); then
            say "[lab] targets: $n already up ($(target_range "$n") port 2222)"
            return 0
        fi
    fi
    [[ -n $cur ]] && targets_down quiet
    state_set targets "$n"
    write_known_hosts
    for ((g = 1; (g - 1) * 16 < n; g++)); do
        first=$(((g - 1) * 16 + 1)); last=$((g * 16)); ((last > n)) && last=$n
        addrs=()
        for ((i = first; i <= last; i++)); do addrs+=("$(target_addr "$i"):2222"); done
        write_file "$SSH_DIR/sshd_targets_$g.conf" 0644 root:root < <(sshd_conf_content "${addrs[@]}")
    done
    # shellcheck disable=SC2046
    start_or_die $(target_keys)
    say "[lab] targets: $n up on $(target_range "$n") port 2222 ($(target_keys | wc -l) sshd), user labops"
    say "      PDSH_RCMD_TYPE=ssh PDSH_SSH_ARGS_APPEND=\"-F $SSH_DIR/ssh_config -l labops\" pdsh -w $(target_range "$n") true"
}

targets_down() {
    local keys f
    mapfile -t keys < <(target_keys)
    # also any group left over from an earlier, larger N
    for f in "$PID_DIR"/sshd-targets-*.pid; do
        [[ -e $f ]] || continue
        f=${f##*/sshd-targets-}; f=targets/${f%.pid}
        [[ " ${keys[*]} " == *" $f "* ]] || keys+=("$f")
    done
    daemon_stop "${keys[@]}"
    rm -f "$SSH_DIR"/sshd_targets_*.conf "$STATE_DIR/targets"
    [[ -d $SSH_DIR ]] && [[ -s $SSH_DIR/ssh_host_ed25519_key.pub ]] && write_known_hosts
    [[ ${1:-} == quiet ]] || say "[lab] targets: stopped ${#D_STOPPED[@]} sshd"
}
