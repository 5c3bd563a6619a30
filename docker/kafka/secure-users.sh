#!/usr/bin/env bash
# One-shot service of the secured compose variant: creates the SCRAM users of the job and the
# replayer and grants each exactly the ACLs docs/security.md lists. Talks to the broker's
# in-network PLAINTEXT listener, whose anonymous principal is the super user (see the comment in
# docker-compose.secured.yml). Idempotent.
set -euo pipefail

BOOTSTRAP=${BOOTSTRAP:-kafka:9092}
bin=/opt/kafka/bin

scram() { # user password
    "${bin}/kafka-configs.sh" --bootstrap-server "${BOOTSTRAP}" --alter --entity-type users \
        --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]" > /dev/null
    echo "secure-users: SCRAM-SHA-512 user $1"
}
acl() { # principal operation resource-options...
    local user=$1 op=$2
    shift 2
    "${bin}/kafka-acls.sh" --bootstrap-server "${BOOTSTRAP}" --add --force \
        --allow-principal "User:${user}" --operation "${op}" "$@" > /dev/null
    echo "secure-users: ALLOW ${user} ${op} $*"
}

scram edge-job "${EDGESPLIT_JOB_PASSWORD:?set EDGESPLIT_JOB_PASSWORD}"
scram edge-replay "${EDGESPLIT_REPLAY_PASSWORD:?set EDGESPLIT_REPLAY_PASSWORD}"

acl edge-job Read --topic edgesplit.telemetry --topic edgesplit.frames --topic edgesplit.profiles
acl edge-job Write --topic edgesplit.decisions --topic edgesplit.results \
    --topic edgesplit.deadletters
acl edge-job Read --group edgesplit --resource-pattern-type prefixed
acl edge-job Write --transactional-id edgesplit --resource-pattern-type prefixed
acl edge-replay Write --topic edgesplit.telemetry --topic edgesplit.frames
