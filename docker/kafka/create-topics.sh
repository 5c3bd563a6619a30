#!/usr/bin/env bash
# One-shot topic creator of the compose stack: creates the edgesplit topics (idempotent) with
# record sizes up to 16 MiB, matching the broker's message.max.bytes.
set -euo pipefail

BOOTSTRAP=${BOOTSTRAP:-kafka:9092}
PARTITIONS=${PARTITIONS:-4}
MAX_BYTES=16777216
TOPICS=(
    edgesplit.telemetry
    edgesplit.frames
    edgesplit.profiles
    edgesplit.decisions
    edgesplit.results
    edgesplit.deadletters
)

for topic in "${TOPICS[@]}"; do
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "${BOOTSTRAP}" --create --if-not-exists \
        --topic "${topic}" --partitions "${PARTITIONS}" --replication-factor 1 \
        --config "max.message.bytes=${MAX_BYTES}"
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "${BOOTSTRAP}" --describe --topic 'edgesplit\..*'
