#!/usr/bin/env bash
# One-shot client of the compose stack: submits the edge job to the session cluster, detached.
# The stack runs a single job, so when the cluster already runs or restarts one (a second
# `docker compose up`) this leaves it alone instead of starting a duplicate.
set -euo pipefail

running=$(flink list --running 2>&1) || {
    echo "cannot reach the JobManager: ${running}" >&2
    exit 1
}
if grep -Eq ' : [0-9a-f]{32} : ' <<<"${running}"; then
    echo "a job is already running; not submitting another:"
    echo "${running}"
    exit 0
fi

# EDGESPLIT_KAFKA_CONFIG: a Kafka client properties file (security), read by the job's main on
# submission and passed to every Kafka client of the job (docs/security.md)
kafka_config=()
if [ -n "${EDGESPLIT_KAFKA_CONFIG:-}" ]; then
    kafka_config=(--kafka-config "${EDGESPLIT_KAFKA_CONFIG}")
fi

exec flink run --detached /opt/flink/usrlib/edgesplit-job.jar \
    --bootstrap "${BOOTSTRAP:-kafka:9092}" "${kafka_config[@]}" \
    -D "edgesplit.job.models=${EDGESPLIT_MODELS:-mobilenetv2}" \
    -D "edgesplit.controller.policy=${EDGESPLIT_POLICY:-cutedge}" \
    -D "edgesplit.inference.provider=${EDGESPLIT_PROVIDER:-auto}" \
    "$@"
