#!/usr/bin/env bash
# Crash test of the edge job: a real Kafka broker in its own process, a generated trace with
# undecodable records mixed in, replayed in real time while `edgesplit job` (its own JVM) is
# SIGKILLed at seeded random points and restarted; a failure-free reference job runs the same
# trace. Checks exactly one outcome per frame, decisions identical to the reference's, and dead
# letters equal to the injected records; prints progress, a summary table, and exits 0 (pass) or
# 1 (fail); 2 for bad options. Details and measured figures: RELIABILITY.md.
#
#   scripts/crash-test.sh [--kills N] [--devices D] [--duration S] [--seed X] [--out DIR]
#                         [--fps F] [--bad-records B] [--speed V] [--partitions P]
#                         [--broker-outage S] [--no-reference] [--drain-timeout S]
#
# Defaults: 10 kills, 4 devices, 300 s of trace at 5 fps (tiny-chain), seed 42, 8 bad records,
# output in edgesplit-out/crash-<time>/ (broker data and log, traces, every job's log,
# summary.txt). Needs Java 17 and Maven; builds the CLI jar and the e2e test classes first
# (CRASH_TEST_SKIP_BUILD=1 skips that).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA_HOME:+${JAVA_HOME}/bin/}java

die() { echo "crash-test: $*" >&2; exit 2; }

command -v "$JAVA" >/dev/null 2>&1 || die "java not found: install Java 17"
if [ "${CRASH_TEST_SKIP_BUILD:-0}" != 1 ]; then
  command -v mvn >/dev/null 2>&1 || die "Maven not found: install Maven 3.8+ to build the jars"
  echo "crash-test: building the CLI jar and the e2e test classes (mvn package -pl e2e -am)..." >&2
  log=$(mktemp -t crash-test-build.XXXXXX.log)
  if ! (cd "$ROOT" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl e2e -am package) >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    die "build failed (full log: $log)"
  fi
  rm -f "$log"
fi
for f in dist/target/edgesplit.jar e2e/target/test-classpath.txt e2e/target/kafka-classpath.txt e2e/target/test-classes; do
  [ -e "$ROOT/$f" ] || die "$f is missing: run without CRASH_TEST_SKIP_BUILD=1"
done

# the harness runs from a copy of its classes, so a rebuild meanwhile cannot pull them away
classes=$(mktemp -d -t crash-test-classes.XXXXXX)
trap 'rm -rf "$classes"' EXIT
cp -r "$ROOT/e2e/target/test-classes" "$classes/test-classes"
cp -r "$ROOT/e2e/target/classes" "$classes/classes"

cd "$ROOT"
"$JAVA" -Xmx1g -Dedgesplit.repo.root="$ROOT" \
  -Dlog4j2.configurationFile="$ROOT/e2e/src/test/resources/log4j2-test.properties" \
  -cp "$classes/test-classes:$classes/classes:$(cat "$ROOT/e2e/target/test-classpath.txt")" \
  io.edgesplit.e2e.crash.CrashHarness "$@"
