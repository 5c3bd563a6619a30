#!/usr/bin/env bash
# Replayer of the compose stack: generates a synthetic scenario trace once, then replays it into
# Kafka in a loop, keeping the recorded gaps (scaled by EDGESPLIT_SPEED).
set -euo pipefail

TRACE_DIR=${TRACE_DIR:-/tmp/edgesplit-trace}
CLI=(java -jar /opt/edgesplit/edgesplit.jar)

if [ ! -d "${TRACE_DIR}" ]; then
    "${CLI[@]}" gen-trace --out "${TRACE_DIR}" \
        --devices "${EDGESPLIT_DEVICES:-4}" \
        --duration "${EDGESPLIT_DURATION:-60s}" \
        --model "${EDGESPLIT_MODEL:-mobilenetv2}"
fi

# EDGESPLIT_KAFKA_CONFIG: Kafka client properties (security), see docs/security.md
kafka_config=()
if [ -n "${EDGESPLIT_KAFKA_CONFIG:-}" ]; then
    kafka_config=(--kafka-config "${EDGESPLIT_KAFKA_CONFIG}")
fi

exec "${CLI[@]}" replay --bootstrap "${BOOTSTRAP:-kafka:9092}" --trace "${TRACE_DIR}" \
    --speed "${EDGESPLIT_SPEED:-1}" --loop "${kafka_config[@]}"
