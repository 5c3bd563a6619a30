#!/usr/bin/env bash
# Checks the compose stack's files without a Docker engine (CI calls this):
#   - each compose file, and the GPU and secured overrides merged onto the base, with `docker-compose config -q`
#     (or `docker compose config -q`); without either, a structural check in Python
#   - the Grafana dashboard and provisioning parse
#   - prometheus.yml with `promtool check config` when promtool is installed
# The Maven build (e2e, DeploymentFilesTest) also checks that mounted and copied files exist and
# that the dashboard only queries metrics the job or Flink exports.
set -euo pipefail
cd "$(dirname "$0")"

fail() {
    echo "validate.sh: $*" >&2
    exit 1
}

compose=()
if command -v docker-compose > /dev/null 2>&1; then
    compose=(docker-compose)
elif command -v docker > /dev/null 2>&1 && docker compose version > /dev/null 2>&1; then
    compose=(docker compose)
fi

if [ ${#compose[@]} -gt 0 ]; then
    echo "compose: ${compose[*]} config -q"
    "${compose[@]}" -f docker-compose.yml config -q || fail "docker-compose.yml is invalid"
    "${compose[@]}" -f docker-compose.yml -f docker-compose.gpu.yml config -q \
        || fail "docker-compose.gpu.yml does not merge onto docker-compose.yml"
    "${compose[@]}" -f docker-compose.yml -f docker-compose.secured.yml config -q \
        || fail "docker-compose.secured.yml does not merge onto docker-compose.yml"
else
    echo "compose: no docker-compose or docker compose here; structural check with python3"
    python3 - docker-compose.yml docker-compose.gpu.yml docker-compose.secured.yml <<'PY'
import sys

try:
    import yaml
except ImportError:
    yaml = None


def check_minimal(path, text):
    if "\t" in text:
        sys.exit(f"{path}: tabs are not allowed in YAML")
    if not any(line.startswith("services:") for line in text.splitlines()):
        sys.exit(f"{path}: no top-level 'services:'")


base = None
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    if yaml is None:
        check_minimal(path, text)
        continue
    doc = yaml.safe_load(text)
    services = doc.get("services") if isinstance(doc, dict) else None
    if not isinstance(services, dict) or not services:
        sys.exit(f"{path}: no services")
    for name, svc in services.items():
        if not isinstance(svc, dict):
            sys.exit(f"{path}: service {name} is not a mapping")
        if base is None and "image" not in svc and "build" not in svc:
            sys.exit(f"{path}: service {name} has neither image nor build")
        for dep in svc.get("depends_on", []) or []:
            known = set(services) | set((base or {}).keys())
            if dep not in known:
                sys.exit(f"{path}: service {name} depends on unknown service {dep}")
    if base is None:
        base = services
    else:
        for name in services:
            svc = services[name]
            if name not in base and "image" not in svc and "build" not in svc:
                sys.exit(f"{path}: overrides service {name} that docker-compose.yml does not define")
print("compose: structure ok" + ("" if yaml else " (minimal check: PyYAML is not installed)"))
PY
fi

python3 - <<'PY'
import json
import sys

try:
    import yaml
except ImportError:
    yaml = None

dashboard = json.load(open("grafana/dashboards/edgesplit.json", encoding="utf-8"))
exprs = [t.get("expr", "") for p in dashboard.get("panels", []) for t in p.get("targets", [])]
if not exprs or not all(exprs):
    sys.exit("grafana/dashboards/edgesplit.json: a panel target has no query")
if yaml is not None:
    for path in ("grafana/provisioning/datasources/prometheus.yml",
                 "grafana/provisioning/dashboards/edgesplit.yml",
                 "conf/config.yaml"):
        yaml.safe_load(open(path, encoding="utf-8"))
print(f"grafana: dashboard with {len(exprs)} queries parses")
PY

if command -v promtool > /dev/null 2>&1; then
    promtool check config prometheus/prometheus.yml
else
    echo "prometheus: promtool not installed; skipped (apt-get install prometheus to check)"
fi
echo "validate.sh: ok"
