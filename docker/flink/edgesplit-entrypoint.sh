#!/usr/bin/env bash
# Entry point of the edgesplit Flink images.
#
# Compose mounts docker/conf read-only at /opt/edgesplit/conf. Flink's own entrypoint rewrites
# conf/config.yaml in place (jobmanager.rpc.address, FLINK_PROPERTIES), so copy the mounted files
# into the image's conf/ first and leave the originals untouched. Without the mount (Kubernetes,
# plain `docker run`) the config baked into the image is used.
set -euo pipefail

if [ -d /opt/edgesplit/conf ]; then
    cp -f /opt/edgesplit/conf/* "${FLINK_HOME}/conf/"
fi

exec /docker-entrypoint.sh "$@"
