# shellcheck shell=bash
# The least-privilege setup of the lab (README "Privilege"): the `slurmops` service user, the root
# helper (a root-owned copy of the build's classes started by a root-owned wrapper with a fixed class
# path), its policy, the one sudoers rule that names it, and Slurm's AdminLevel=Admin for the user
# (scontrol update/drain is authorized by Slurm itself, not by root).  Idempotent.
#
#   lab/lab privilege CLASSPATH     CLASSPATH: the build's class path (jars and class directories)

PRIV_DIR_NAME=privilege
PRIV_USER=slurmops
PRIV_SUDOERS=/etc/sudoers.d/slurmops-lab

priv_dir() { printf '%s/%s' "$LAB" "$PRIV_DIR_NAME"; }

cmd_privilege() {
    need_root
    local cp=${1:-} dir lib entry i=0 classpath="" tmp state_dir
    [[ -n $cp ]] || die "usage: lab/lab privilege CLASSPATH (the build's jars and class directories, ':'-separated)"
    command -v sudo >/dev/null || { apt-get install -y --no-install-recommends sudo >/dev/null || die "cannot install sudo"; }
    dir=$(priv_dir)
    getent passwd "$PRIV_USER" >/dev/null \
        || useradd --system --user-group --home-dir "$dir/home" --no-create-home --shell /usr/sbin/nologin "$PRIV_USER"
    # Everything the helper runs from is root's: the user may read it (the bot runs from the same copy), never change it.
    install -d -o root -g root -m 0755 "$dir" "$dir/lib"
    install -d -o root -g root -m 0700 "$dir/backups"
    install -d -o "$PRIV_USER" -g "$PRIV_USER" -m 0755 "$dir/home"
    install -d -o "$PRIV_USER" -g "$PRIV_USER" -m 0700 "$dir/state"
    rm -rf "$dir/lib.new" && install -d -m 0755 "$dir/lib.new"
    IFS=: read -r -a entries <<<"$cp"
    for entry in "${entries[@]}"; do
        [[ -e $entry ]] || continue
        i=$((i + 1))
        if [[ -d $entry ]]; then
            cp -r "$entry" "$dir/lib.new/$i"
        else
            cp "$entry" "$dir/lib.new/$i.jar"
        fi
        classpath+="${classpath:+:}$dir/lib/$( [[ -d $entry ]] && echo "$i" || echo "$i.jar")"
    done
    chown -R root:root "$dir/lib.new" && chmod -R go-w,a+rX "$dir/lib.new"
    rm -rf "$dir/lib" && mv "$dir/lib.new" "$dir/lib"
    printf '%s\n' "$classpath" >"$dir/classpath"
    state_dir=$(scontrol show config 2>/dev/null | awk '$1 == "StateSaveLocation" {print $3}')
    write_file "$dir/root-helper.conf" 0644 root:root <<CONF
$LAB_MARK — the root helper's policy: what it may do as root, whoever calls it.
units = slurmctld slurmdbd munge mariadb
serviceManager = $BIN_DIR/systemctl
slurmUser = slurm
triggerDir = $dir/state
readPaths = /etc/slurm /etc/munge
writePaths = ${state_dir:-$LAB/slurm/state} $dir/backups
log = $dir/root-helper.log
CONF
    write_file "$dir/slurmops-root-helper" 0755 root:root <<WRAP
#!/bin/sh
$LAB_MARK — the root helper: the one program the sudoers rule lets $PRIV_USER run as root.
# A fixed class path and policy; sudo has reset the environment. Arguments go on as argv ("\$@").
exec $(readlink -f "$(command -v java)") -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m \\
    -cp $classpath io.slurmops.bot.privilege.RootHelper $dir/root-helper.conf "\$@"
WRAP
    tmp=$(mktemp)
    printf '%s\n' "$LAB_MARK" "$PRIV_USER ALL=(root) NOPASSWD: $dir/slurmops-root-helper" >"$tmp"
    visudo -cqf "$tmp" || { rm -f "$tmp"; die "the sudoers rule does not parse"; }
    install -o root -g root -m 0440 "$tmp" "$PRIV_SUDOERS" && rm -f "$tmp"
    sacctmgr -i -Q add user "$PRIV_USER" account=root adminlevel=Admin >/dev/null 2>&1 || true
    sacctmgr -i -Q modify user "$PRIV_USER" set adminlevel=Admin >/dev/null 2>&1 || true
    say "privilege: user $PRIV_USER, helper $dir/slurmops-root-helper, rule $PRIV_SUDOERS, policy $dir/root-helper.conf"
}
