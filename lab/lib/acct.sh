# shellcheck shell=bash
# MariaDB database/user for slurmdbd, and the accounting baseline (cluster, QOS, accounts,
# users) via sacctmgr.

db_setup() {
    local pw
    pw=$(cat "$LAB/etc/dbpass")
    mariadb --defaults-file="$MYCNF" -u root <<EOF || die "MariaDB setup of slurm_acct_db failed"
CREATE DATABASE IF NOT EXISTS slurm_acct_db;
CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER 'slurm'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';
GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';
EOF
    scratch_setup
    maxconn_setup
}

# scratch_setup: the account slurmops restores a dump with to verify it (backups.scratch in
# config/lab.yaml). It has rights on its own scratch schema only, never on slurm_acct_db, so a
# verification cannot touch the live accounting data. Password generated once, 0600.
scratch_setup() {
    local pw
    if [[ ! -s $LAB/etc/verifypass ]]; then
        (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$LAB/etc/verifypass")
    fi
    chmod 0600 "$LAB/etc/verifypass"
    pw=$(cat "$LAB/etc/verifypass")
    mariadb --defaults-file="$MYCNF" -u root <<EOF || die "MariaDB setup of the scratch account slurmops_verify failed"
CREATE USER IF NOT EXISTS 'slurmops_verify'@'localhost' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS 'slurmops_verify'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER 'slurmops_verify'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'slurmops_verify'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT ALL ON \`slurmops\_verify\`.* TO 'slurmops_verify'@'localhost';
GRANT ALL ON \`slurmops\_verify\`.* TO 'slurmops_verify'@'127.0.0.1';
EOF
}

# maxconn_setup: the account `db max-connections` sets max_connections with
# (site.accountingDb.adminDefaults in config/lab.yaml). MariaDB 10.11 lets SET GLOBAL
# max_connections through CONNECTION ADMIN (verified on the lab: without it, error 1227 "you need
# (at least one of) the SUPER, CONNECTION ADMIN privilege(s)"; 10.11 has no SYSTEM VARIABLES ADMIN),
# so it gets that alone and no rights on any schema. Password generated once; the client option file holds it, both 0600.
maxconn_setup() {
    local pw
    if [[ ! -s $LAB/etc/maxconnpass ]]; then
        (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$LAB/etc/maxconnpass")
    fi
    chmod 0600 "$LAB/etc/maxconnpass"
    pw=$(cat "$LAB/etc/maxconnpass")
    (umask 077; printf '[client]\nuser=slurmops_maxconn\npassword=%s\nhost=127.0.0.1\nport=3306\n' "$pw" \
        >"$LAB/etc/maxconn.cnf")
    chmod 0600 "$LAB/etc/maxconn.cnf"
    mariadb --defaults-file="$MYCNF" -u root <<EOF || die "MariaDB setup of the account slurmops_maxconn failed"
CREATE USER IF NOT EXISTS 'slurmops_maxconn'@'localhost' IDENTIFIED BY '$pw';
CREATE USER IF NOT EXISTS 'slurmops_maxconn'@'127.0.0.1' IDENTIFIED BY '$pw';
ALTER USER 'slurmops_maxconn'@'localhost' IDENTIFIED BY '$pw';
ALTER USER 'slurmops_maxconn'@'127.0.0.1' IDENTIFIED BY '$pw';
GRANT CONNECTION ADMIN ON *.* TO 'slurmops_maxconn'@'localhost';
GRANT CONNECTION ADMIN ON *.* TO 'slurmops_maxconn'@'127.0.0.1';
EOF
}

# sacct_add ARGS...: `sacctmgr -i add ARGS`; "Nothing new added" (exit 1) counts as success
sacct_add() {
    local out rc=0
    out=$(sacctmgr -i add "$@" 2>&1) || rc=$?
    if ((rc == 0)); then ACCT_ADDED+=("$1 $2"); return 0; fi
    [[ $out == *"Nothing new added"* ]] && return 0
    [[ $out == *"already exists"* ]] && return 0
    printf 'lab: ERROR: sacctmgr -i add %s failed (exit %s):\n%s\n' "$*" "$rc" "$out" >&2
    return 1
}

# has_line PREFIX TEXT: does a line of TEXT start with PREFIX?
has_line() { [[ $'\n'$2 == *$'\n'"$1"* ]]; }

acct_setup() {
    local assoc
    ACCT_ADDED=()
    # A round trip to slurmdbd costs ~45 ms and a sacctmgr call 0.2-0.5 s: query once and
    # add only what is missing (alice's "normal,short" also proves that both QOS exist).
    assoc=$(sacctmgr -n -P show assoc format=cluster,account,user,qos 2>&1) \
        || die "sacctmgr show assoc failed: $assoc"
    has_line "lab|physics|alice|normal,short" "$assoc" && has_line "lab|root|root|" "$assoc" \
        && return 0
    has_line "lab|root||" "$assoc" || sacct_add cluster lab || exit 1
    sacct_add qos normal || exit 1
    sacct_add qos short MaxWall=01:00:00 || exit 1
    has_line "lab|physics||" "$assoc" \
        || sacct_add account physics Cluster=lab Description=physics Organization=lab || exit 1
    has_line "lab|root|root|" "$assoc" || sacct_add user root Account=root Cluster=lab || exit 1
    has_line "lab|physics|alice|" "$assoc" \
        || sacct_add user alice Account=physics Cluster=lab QOS=normal,short DefaultQOS=normal || exit 1
}
