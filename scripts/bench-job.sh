#!/usr/bin/env bash
# Benchmarks of the edge job (see docs/benchmarks/job.md). Not part of `mvn verify`.
#
#   scripts/bench-job.sh controller [JMH options...]   controller operator throughput (JMH), e.g.
#                                                      scripts/bench-job.sh controller -prof gc
#   scripts/bench-job.sh pipeline [options...]         end-to-end frames/s through Kafka + Flink +
#                                                      ONNX Runtime against a plain ORT loop
#                                                      (--help lists the options)
#
# Compiles the reactor up to the benchmark's module (jobs/edge-job for the controller, apps/cli for
# the pipeline, which drives the demo's wiring; test classes included, nothing installed to ~/.m2),
# writes the module's test classpath, then runs the benchmark on a plain `java`.
# Environment: MVN_OPTS (extra Maven flags, e.g. -o), JAVA (java binary), BENCH_JAVA_OPTS (JVM
# flags of the launching JVM; the controller benchmark forks its own JVMs).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAVA=${JAVA:-java}

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
}

if [[ $# -lt 1 ]]; then
    usage
    exit 2
fi
what=$1
shift
case "${what}" in
    controller) main=io.edgesplit.job.bench.ControllerBenchmark; module=jobs/edge-job ;;
    pipeline) main=io.edgesplit.cli.bench.PipelineBenchmark; module=apps/cli ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench-job.sh: unknown benchmark '${what}': use controller or pipeline" >&2; exit 2 ;;
esac

MODULE=${ROOT}/${module}
CLASSPATH_FILE=${MODULE}/target/bench.classpath
echo "bench-job.sh: compiling (mvn ${MVN_OPTS:-} -q -pl ${module} -am test-compile)" >&2
(cd "${ROOT}" && mvn ${MVN_OPTS:-} -q -B -pl "${module}" -am test-compile \
    dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)

# the same --add-opens/--add-exports Flink needs on Java 17 (the parent pom's flink.jvm.opens)
opens=$(sed -n 's:.*<flink.jvm.opens>\(.*\)</flink.jvm.opens>.*:\1:p' "${ROOT}/pom.xml")
cp="${MODULE}/target/test-classes:${MODULE}/target/classes:$(cat "${CLASSPATH_FILE}")"
# shellcheck disable=SC2086
exec "${JAVA}" ${opens} ${BENCH_JAVA_OPTS:--Xmx4g -Xss4m -XX:+UseParallelGC} -cp "${cp}" "${main}" "$@"
