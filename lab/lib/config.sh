# shellcheck shell=bash
# Packages, users, directories and configuration files (slurm.conf, slurmdbd.conf,
# my.cnf, munge key, systemctl shim, per-node copies), with backup of foreign files.

# ---------------------------------------------------------------- packages and users
pkgs_missing() {
    local p st out
    declare -A ok=()
    MISSING_PKGS=()
    out=$(dpkg-query -W -f '${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null) || true
    while read -r p st; do
        [[ $st == "install ok installed" ]] && ok[$p]=1
    done <<<"$out"
    for p in "${PACKAGES[@]}"; do
        [[ -n ${ok[$p]:-} ]] || MISSING_PKGS+=("$p")
    done
}
ensure_packages() {
    pkgs_missing
    if ((${#MISSING_PKGS[@]} == 0)); then return 0; fi
    say "[lab] installing missing packages: ${MISSING_PKGS[*]}"
    # postinst scripts must not start munge/mariadb/slurm/ssh on their default ports
    if [[ ! -f /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 0755 /usr/sbin/policy-rc.d
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update || die "apt-get update failed"
    apt-get install -y --no-install-recommends "${PACKAGES[@]}" || die "apt-get install failed"
}

ensure_users() {
    if ! getent passwd labops >/dev/null; then
        useradd --system --create-home --home-dir /home/labops --shell /bin/bash labops
    fi
    # useradd --system leaves the account locked ('!'); with UsePAM no sshd refuses it
    local pw
    pw=$(getent shadow labops | cut -d: -f2)
    [[ $pw == '*' ]] || usermod -p '*' labops
    local u
    for u in alice bob; do
        getent passwd "$u" >/dev/null || useradd --create-home --shell /bin/bash "$u"
    done
}

# ---------------------------------------------------------------- directories
ensure_dirs() {
    mkd 0755 root:root "$LAB" "$STATE_DIR" "$PID_DIR" "$RUN_DIR" "$BIN_DIR" "$LAB/etc" \
        "$LAB/nodes" "$BACKUP_DIR"
    mkd 0755 slurm:slurm "$LOG_DIR" "$LAB/slurm" "$LAB/slurm/state" "$LAB/slurm/run"
    mkd 0755 root:root "$LAB/slurm/spool"
    mkd 0755 mysql:mysql "$LAB/mysql" "$LAB/mysql/run"
    mkd 0750 mysql:mysql "$LAB/mysql/data" "$LAB/mysql/log"
    mkd 0755 root:root "$SSH_DIR" "$SSH_DIR/authorized_keys.d"
    [[ -f $LAB/etc/empty-bashrc ]] || : >"$LAB/etc/empty-bashrc"
    chmod 0644 "$LAB/etc/empty-bashrc"
}

# ---------------------------------------------------------------- foreign-file backup
# Before the lab first overwrites a system file that it did not write, the file is saved
# under $LAB/backup/; `down --wipe` puts it back (or deletes the file if none existed).
backup_prepare() {
    local path=$1 manifest=$BACKUP_DIR/manifest
    [[ -f $manifest ]] && [[ $(awk -v p="$path" '$2 == p { print "x"; exit }' "$manifest") == x ]] \
        && return 0
    if [[ -e $path ]]; then
        if [[ $(head -n 1 "$path" 2>/dev/null) == "$LAB_MARK"* ]]; then
            printf 'lab %s\n' "$path" >>"$manifest"      # ours already (lab dir was wiped)
        else
            mkdir -p "$BACKUP_DIR$(dirname "$path")"
            cp -a "$path" "$BACKUP_DIR$path"
            printf 'backup %s\n' "$path" >>"$manifest"
            say "[lab] saved existing $path to $BACKUP_DIR$path"
        fi
    else
        printf 'absent %s\n' "$path" >>"$manifest"
    fi
}
backup_restore_all() {
    local manifest=$BACKUP_DIR/manifest kind path
    [[ -f $manifest ]] || return 0
    while read -r kind path; do
        case $kind in
            backup) cp -a "$BACKUP_DIR$path" "$path" && say "[lab] restored $path" ;;
            absent|lab) rm -f "$path" && say "[lab] removed $path" ;;
        esac
    done <"$manifest"
}

# ---------------------------------------------------------------- slurm.conf
slurm_conf_content() {
    local n mode head ctl_addr nodeline ha_lines
    n=$(lab_nodes); mode=$(lab_mode); head=$(head_name)
    ha_lines=$(ha_conf_lines); ha_lines=${ha_lines:+$ha_lines$'\n'}
    local extra_lines extra_part="" debug_nodes=ALL
    extra_lines=$(extra_conf_lines); extra_lines=${extra_lines:+$extra_lines$'\n'}
    if [[ -n $extra_lines ]]; then
        # the real nodes keep the default partition to themselves: "all idle" stays true of them
        debug_nodes=$(node_hostlist)
        extra_part=$'\n'"PartitionName=scale Nodes=$(extra_hostlist) MaxTime=INFINITE State=UP"
    fi
    if [[ $mode == netns ]]; then
        ctl_addr=$BRIDGE_ADDR
        nodeline="NodeName=node[001-$(printf %03d "$n")] NodeAddr=$BRIDGE_NET.[11-$((10 + n))] Port=6818"
    else
        ctl_addr=127.0.0.1
        nodeline="NodeName=node[001-$(printf %03d "$n")] NodeHostname=localhost NodeAddr=127.0.0.1 Port=[17001-$((17000 + n))]"
    fi
    cat <<EOF
$LAB_MARK (mode $mode). 'lab/lab up' rewrites this file.
ClusterName=lab
SlurmctldHost=$head($ctl_addr)
${ha_lines}SlurmUser=slurm
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
AuthType=auth/munge
CryptoType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SchedulerType=sched/backfill
ReturnToService=2
MailProg=/bin/true
StateSaveLocation=$LAB/slurm/state
SlurmdSpoolDir=$LAB/slurm/spool/%n
SlurmctldPidFile=$LAB/slurm/run/slurmctld.pid
SlurmdPidFile=$LAB/slurm/run/slurmd-%n.pid
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$([[ $mode == netns ]] && echo /var/log/slurm/slurmd.log || echo "$LAB/nodes/%n/log/slurmd.log")
SlurmdTimeout=${LAB_SLURMD_TIMEOUT:-5}
MessageTimeout=${LAB_MSG_TIMEOUT:-3}
TCPTimeout=${LAB_TCP_TIMEOUT:-1}
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=$(ha_accounting_host)
AccountingStoragePort=6819
JobAcctGatherType=jobacct_gather/linux
JobCompType=jobcomp/none
$nodeline CPUs=2 Sockets=1 CoresPerSocket=2 ThreadsPerCore=1 RealMemory=1000 State=UNKNOWN
${extra_lines}PartitionName=debug Nodes=${debug_nodes} Default=YES MaxTime=INFINITE State=UP${extra_part}
EOF
}

slurmdbd_conf_content() {
    cat <<EOF
$LAB_MARK. 'lab/lab up' rewrites this file.
AuthType=auth/munge
DbdHost=localhost
DbdPort=6819
SlurmUser=slurm
PidFile=$LAB/slurm/run/slurmdbd.pid
LogFile=$LOG_DIR/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=3306
StorageUser=slurm
StoragePass=$(cat "$LAB/etc/dbpass")
StorageLoc=slurm_acct_db
EOF
}

mycnf_content() {
    cat <<EOF
$LAB_MARK. 'lab/lab up' rewrites this file.
[mysqld]
user=mysql
datadir=$LAB/mysql/data
socket=$MYSQL_SOCK
pid-file=$LAB/mysql/run/mysqld.pid
bind-address=127.0.0.1
port=3306
skip-name-resolve
log-error=$LAB/mysql/log/error.log
max_connections=100
innodb_buffer_pool_size=256M
innodb_lock_wait_timeout=900
myisam-recover-options=OFF
aria-recover-options=OFF

[client]
socket=$MYSQL_SOCK
EOF
}

# write_head_config: slurm.conf, slurmdbd.conf, my.cnf, munge key.  Sets CONF_CHANGED=1
# when slurm.conf changed (running slurmctld/slurmd must then be restarted).
write_head_config() {
    CONF_CHANGED=0 DBD_CONF_CHANGED=0 MYCNF_CHANGED=0
    mkdir -p /etc/slurm
    if [[ ! -s $LAB/etc/dbpass ]]; then
        (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$LAB/etc/dbpass")
    fi
    backup_prepare "$SLURM_CONF"
    write_file "$SLURM_CONF" 0644 root:root < <(slurm_conf_content)
    CONF_CHANGED=$WF_CHANGED
    backup_prepare "$SLURMDBD_CONF"
    write_file "$SLURMDBD_CONF" 0600 slurm:slurm < <(slurmdbd_conf_content)
    DBD_CONF_CHANGED=$WF_CHANGED
    write_file "$MYCNF" 0644 root:root < <(mycnf_content)
    MYCNF_CHANGED=$WF_CHANGED
    if [[ ! -s $MUNGE_KEY ]]; then
        backup_prepare "$MUNGE_KEY"
        mkdir -p /etc/munge
        mungekey --create --force --keyfile="$MUNGE_KEY"
        chown munge:munge "$MUNGE_KEY" /etc/munge
        chmod 0400 "$MUNGE_KEY"
        chmod 0700 /etc/munge
    fi
}

# ---------------------------------------------------------------- systemctl shim
write_shim() {
    local sum dir cur
    # The shim runs a content-addressed copy of these scripts under $LAB, never the checkout
    # itself: a checkout (or worktree) that moves or is deleted must not break the service
    # manager of a running lab, and a copy is never rewritten while a shim reads it.
    sum=$(cat "$LAB_HOME/lab" "$LAB_HOME"/lib/*.sh | sha256sum | cut -c1-16)
    dir=$LAB/libexec/$sum
    if [[ ! -x $dir/lab ]]; then
        mkd 0755 root:root "$LAB/libexec"
        cur=$(mktemp -d "$LAB/libexec/.new.XXXXXX")
        cp -a "$LAB_HOME/lab" "$LAB_HOME/lib" "$cur/"
        chmod 0755 "$cur"
        mv -T "$cur" "$dir" 2>/dev/null || rm -rf "$cur"    # a concurrent up made the same copy
    fi
    # written in place (same inode): nodes bind-mount this file over /usr/bin/systemctl
    write_file "$BIN_DIR/systemctl" 0755 root:root <<EOF
#!/bin/bash
# slurmlab systemctl shim (generated by lab/lab up).  Inside a lab node it manages the
# node's slurmd and munge; on the head it manages slurmctld, slurmdbd, munge and mariadb.
export SLURMLAB_DIR=$LAB
exec /bin/bash $dir/lab _systemctl "\$@"
EOF
}

# ---------------------------------------------------------------- per-node files
# node_files NODE: node directories, /etc/slurm copy and munge key from the head.
# Sets NODE_CONF_CHANGED / NODE_KEY_CHANGED (1 when the node's copy was replaced).
node_files() {
    local node=$1 d f
    d=$(node_dir "$node")
    mkd 0755 root:root "$d" "$d/etc-slurm"
    mkd 0755 slurm:slurm "$d/log"
    mkd 0755 root:root "$LAB/slurm/spool/$node"
    NODE_CONF_CHANGED=0
    NODE_KEY_CHANGED=0
    [[ $(lab_mode) == netns ]] || return 0     # multi: every slurmd reads the head's files
    # /etc/slurm: everything of the head's except slurmdbd.conf (it holds the DB password)
    for f in /etc/slurm/*; do
        [[ $f == "$SLURMDBD_CONF" ]] && continue
        if [[ -d $f ]]; then
            cp -a "$f" "$d/etc-slurm/"
        elif ! cmp -s "$f" "$d/etc-slurm/${f##*/}"; then
            cp -p "$f" "$d/etc-slurm/${f##*/}"
            [[ $f == "$SLURM_CONF" ]] && NODE_CONF_CHANGED=1
        fi
    done
    mkd 0700 munge:munge "$d/munge/etc" "$d/munge/log"
    mkd 0755 munge:munge "$d/munge/run"
    mkd 0711 munge:munge "$d/munge/lib"
    chown root:root "$d/munge"; chmod 0755 "$d/munge"
    local key=$d/munge/etc/munge.key st
    st=$(stat -c '%U:%G %a' "$key" 2>/dev/null) || st=""
    if ! cmp -s "$MUNGE_KEY" "$key" || [[ $st != "munge:munge 400" ]]; then
        install -o munge -g munge -m 0400 "$MUNGE_KEY" "$key"
        NODE_KEY_CHANGED=1
    fi
}
