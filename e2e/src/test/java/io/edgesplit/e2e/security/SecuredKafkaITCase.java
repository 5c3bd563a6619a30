package io.edgesplit.e2e.security;

import static io.edgesplit.e2e.security.SecuredBroker.allow;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.InferenceResult;
import io.edgesplit.e2e.crash.EdgesplitCli;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.client.KafkaClusters;
import io.edgesplit.kafka.client.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edgesplit commands against a secured standalone broker (its own JVM): SASL_SSL with
 * SCRAM-SHA-512 and a test CA, SASL/PLAIN over plain TCP, ACLs enforced by StandardAuthorizer, each
 * user holding only the ACLs docs/security.md lists. The real CLI jar runs every command in its own
 * JVM, as users run it; target/secured-kafka keeps the logs.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class SecuredKafkaITCase {

    private static final int FRAMES = 40;
    private static final String JOB_PASSWORD = "job-pw-5e8a1f";
    private static final String REPLAY_PASSWORD = "replay-pw-c07d24";
    private static final String OTHER_PASSWORD = "other-pw-2b9e6d";

    /** How long a refused command may take, JVM start included, on a busy 2-core machine. */
    private static final Duration REFUSAL_LIMIT = Duration.ofSeconds(60);

    private static final EdgesplitTopics TOPICS = EdgesplitTopics.defaults();
    private static Path out;
    private static SecuredBroker broker;
    private static EdgesplitCli cli;
    private static Path trace;

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        out = Path.of("target", "secured-kafka").toAbsolutePath();
        deleteRecursively(out);
        broker = SecuredBroker.start(out);
        String jar = System.getProperty("edgesplit.cli.jar");
        assertThat(jar).as("system property edgesplit.cli.jar (set by the e2e pom)").isNotNull();
        cli = new EdgesplitCli(Path.of(jar), "1g");
        broker.scramUsers(
                "job", JOB_PASSWORD,
                "replayer", REPLAY_PASSWORD,
                "nowrite", OTHER_PASSWORD,
                "noread", OTHER_PASSWORD,
                "notx", OTHER_PASSWORD,
                "nobody", OTHER_PASSWORD);
        createTopics();
        List<AclBinding> acls = new ArrayList<>();
        acls.addAll(jobAcls("job", Set.of()));
        acls.addAll(jobAcls("nowrite", Set.of("write " + TOPICS.results())));
        acls.addAll(jobAcls("noread", Set.of("read " + TOPICS.frames())));
        acls.addAll(jobAcls("notx", Set.of("transactions")));
        acls.add(allow("replayer", WRITE, TOPIC, TOPICS.telemetry(), LITERAL));
        acls.add(allow("replayer", WRITE, TOPIC, TOPICS.frames(), LITERAL));
        acls.add(allow(SecuredBroker.PLAIN_USER, WRITE, TOPIC, "plain.", PREFIXED));
        broker.acls(acls);
        trace = out.resolve("trace");
        cli.run(
                List.of(
                        "gen-trace",
                        "--out",
                        trace.toString(),
                        "--devices",
                        "2",
                        "--duration",
                        "20s",
                        "--fps",
                        "1",
                        "--model",
                        "tiny-chain",
                        "--seed",
                        "3"),
                out.resolve("logs/gen-trace.log"),
                Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * The ACLs docs/security.md lists for the job, less those named in {@code without} ("read T",
     * "write T", "transactions").
     */
    private static List<AclBinding> jobAcls(String user, Set<String> without) {
        List<AclBinding> acls = new ArrayList<>();
        for (String t : List.of(TOPICS.telemetry(), TOPICS.frames(), TOPICS.profiles())) {
            if (!without.contains("read " + t)) {
                acls.add(allow(user, READ, TOPIC, t, LITERAL));
            }
        }
        for (String t : List.of(TOPICS.decisions(), TOPICS.results(), TOPICS.deadLetters())) {
            if (!without.contains("write " + t)) {
                acls.add(allow(user, WRITE, TOPIC, t, LITERAL));
            }
        }
        acls.add(allow(user, READ, GROUP, "edgesplit", PREFIXED));
        if (!without.contains("transactions")) {
            acls.add(allow(user, WRITE, TRANSACTIONAL_ID, "edgesplit", PREFIXED));
        }
        return acls;
    }

    @Test
    void theJobOverSaslSslWritesExactlyOneResultPerFrameAndShowsNoSecret() throws Exception {
        Path replayConfig =
                broker.scramClientConfig(
                        "replay.properties", "replayer", REPLAY_PASSWORD, certs().truststore());
        cli.run(
                List.of(
                        "replay",
                        "--bootstrap",
                        broker.bootstrap(SecuredBroker.SASL_SSL),
                        "--kafka-config",
                        replayConfig.toString(),
                        "--trace",
                        trace.toString(),
                        "--speed",
                        "0"),
                out.resolve("logs/replay.log"),
                Duration.ofMinutes(3));
        Path jobConfig =
                broker.scramClientConfig(
                        "job.properties", "job", JOB_PASSWORD, certs().truststore());
        Path jobLog = out.resolve("logs/job.log");
        Process job =
                cli.start(
                        List.of(
                                "job",
                                "--bootstrap",
                                broker.bootstrap(SecuredBroker.SASL_SSL),
                                "--kafka-config",
                                jobConfig.toString(),
                                "--models",
                                "tiny-chain",
                                "--ui-port",
                                "0",
                                "--parallelism",
                                "1",
                                "--state-dir",
                                out.resolve("job-state").toString()),
                        jobLog,
                        out.resolve("job-work"));
        try {
            List<InferenceResult> results = awaitResults(job, jobLog);
            Map<String, Long> perFrame =
                    results.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            r -> r.getDeviceId() + "#" + r.getFrameId(),
                                            Collectors.counting()));
            assertThat(perFrame).hasSize(FRAMES);
            assertThat(perFrame.values()).allMatch(n -> n == 1);
            String config = webUiConfig(jobLog);
            assertThat(config)
                    .contains("edgesplit.kafka.properties.sasl.jaas.config")
                    .doesNotContain(JOB_PASSWORD)
                    .doesNotContain(certs().password());
        } finally {
            job.destroy();
            job.waitFor(60, TimeUnit.SECONDS);
        }
        assertNoSecretIn(
                jobLog,
                out.resolve("logs/replay.log"),
                out.resolve("job-work/edgesplit-out/edgesplit.log"));
    }

    @Test
    void aWrongPasswordEndsTheJobInOneLine() throws Exception {
        Path config =
                broker.scramClientConfig(
                        "wrong.properties", "job", "not-" + JOB_PASSWORD, certs().truststore());
        String last = refused("job-wrong-password", jobArgs(config));
        assertThat(last).contains("Authentication failed").doesNotContain(JOB_PASSWORD);
    }

    @Test
    void anUntrustedCertificateEndsReplayInOneLine() throws Exception {
        Path config =
                broker.scramClientConfig(
                        "untrusted.properties",
                        "replayer",
                        REPLAY_PASSWORD,
                        certs().otherTruststore());
        String last =
                refused(
                        "replay-untrusted",
                        List.of(
                                "replay",
                                "--bootstrap",
                                broker.bootstrap(SecuredBroker.SASL_SSL),
                                "--kafka-config",
                                config.toString(),
                                "--trace",
                                trace.toString()));
        assertThat(last).containsIgnoringCase("SSL handshake failed");
    }

    @Test
    void aMissingAclIsNamedBeforeTheJobStarts() throws Exception {
        Function<String, Path> config =
                user -> {
                    try {
                        return broker.scramClientConfig(
                                user + ".properties", user, OTHER_PASSWORD, certs().truststore());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
        assertThat(refused("job-nowrite", jobArgs(config.apply("nowrite"))))
                .contains("not allow this client's principal to WRITE topic " + TOPICS.results());
        assertThat(refused("job-noread", jobArgs(config.apply("noread"))))
                .contains("not allow this client's principal to READ topic " + TOPICS.frames());
        assertThat(refused("job-notx", jobArgs(config.apply("notx"))))
                .contains("WRITE transactional id prefix edgesplit");
    }

    @Test
    void aUserWithoutAclsIsRefusedTheResultsTopic() throws Exception {
        Path config =
                broker.scramClientConfig(
                        "nobody.properties", "nobody", OTHER_PASSWORD, certs().truststore());
        String last =
                refused(
                        "record-nobody",
                        List.of(
                                "record",
                                "--bootstrap",
                                broker.bootstrap(SecuredBroker.SASL_SSL),
                                "--kafka-config",
                                config.toString(),
                                "--topics",
                                TOPICS.results(),
                                "--out",
                                out.resolve("nobody-trace").toString(),
                                "--from-beginning",
                                "--to-end"));
        assertThat(last).contains("READ topic " + TOPICS.results());
    }

    @Test
    void saslPlainOverPlainTcpReplaysTheTrace() throws Exception {
        Path log = out.resolve("logs/replay-plain.log");
        cli.run(
                List.of(
                        "replay",
                        "--bootstrap",
                        broker.bootstrap(SecuredBroker.SASL_PLAINTEXT),
                        "--kafka-config",
                        broker.plainClientConfig("plain.properties").toString(),
                        "--trace",
                        trace.toString(),
                        "--speed",
                        "0",
                        "--topic-map",
                        TOPICS.telemetry()
                                + "=plain.telemetry,"
                                + TOPICS.frames()
                                + "=plain.frames"),
                log,
                Duration.ofMinutes(3));
        assertThat(Files.readString(log))
                .contains("records")
                .doesNotContain(SecuredBroker.PLAIN_PASSWORD);
    }

    private static TestCertificates certs() {
        return broker.certificates();
    }

    private static List<String> jobArgs(Path config) {
        return List.of(
                "job",
                "--bootstrap",
                broker.bootstrap(SecuredBroker.SASL_SSL),
                "--kafka-config",
                config.toString(),
                "--models",
                "tiny-chain",
                "--ui-port",
                "0",
                "--state-dir",
                out.resolve("state-" + config.getFileName()).toString());
    }

    /**
     * Runs a command that must be refused, as a user sees it (no EDGESPLIT_VERBOSE): a non-zero
     * exit within {@link #REFUSAL_LIMIT}, no stack trace, no secret. Returns its "failed:" line.
     */
    private static String refused(String name, List<String> args) throws Exception {
        Path log = out.resolve("logs/" + name + ".log");
        long start = System.nanoTime();
        Process p = cli.quiet().start(args, log, out.resolve(name + "-work"));
        boolean ended = p.waitFor(REFUSAL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("%s: exit %s after %d ms%n", name, ended ? p.exitValue() : "-", tookMs);
        assertThat(ended).as(name + " ended within " + REFUSAL_LIMIT + ": see " + log).isTrue();
        assertThat(p.exitValue()).as(name + " exit code").isNotZero();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as(name + " output").noneMatch(l -> l.startsWith("\tat "));
        assertNoSecretIn(log);
        List<String> failed = lines.stream().filter(l -> l.contains(": failed: ")).toList();
        assertThat(failed).as(name + ": one failure line in " + lines).hasSize(1);
        return failed.get(0);
    }

    private static void assertNoSecretIn(Path... files) throws IOException {
        for (Path f : files) {
            if (Files.exists(f)) {
                assertThat(Files.readString(f))
                        .as("secrets in " + f)
                        .doesNotContain(JOB_PASSWORD)
                        .doesNotContain(REPLAY_PASSWORD)
                        .doesNotContain(OTHER_PASSWORD)
                        .doesNotContain(certs().password());
            }
        }
    }

    private static List<InferenceResult> awaitResults(Process job, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (true) {
            List<InferenceResult> results =
                    TopicReader.readAllValues(
                            broker.adminBootstrap(),
                            TOPICS.results(),
                            InferenceResult.class,
                            Duration.ofSeconds(30));
            if (results.size() >= FRAMES) {
                // a few more seconds for duplicates that a retry would add
                TimeUnit.SECONDS.sleep(5);
                return TopicReader.readAllValues(
                        broker.adminBootstrap(),
                        TOPICS.results(),
                        InferenceResult.class,
                        Duration.ofSeconds(30));
            }
            assertThat(job.isAlive()).as("the job runs: " + EdgesplitCli.lastLine(log)).isTrue();
            assertThat(System.nanoTime())
                    .as(results.size() + " results: see " + log)
                    .isLessThan(deadline);
            TimeUnit.SECONDS.sleep(2);
        }
    }

    /** The Flink web UI's configuration page of the job's embedded cluster. */
    private static String webUiConfig(Path jobLog) throws Exception {
        Matcher m =
                Pattern.compile("web UI http://localhost:(\\d+)").matcher(Files.readString(jobLog));
        assertThat(m.find()).as("the job printed its web UI address").isTrue();
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + m.group(1)
                                                                + "/jobmanager/config"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static void createTopics() throws Exception {
        try (Admin admin = KafkaClusters.admin(broker.adminBootstrap(), "secured-test")) {
            admin.createTopics(
                            Stream.concat(
                                            TOPICS.all().stream(),
                                            Stream.of("plain.telemetry", "plain.frames"))
                                    .map(t -> new NewTopic(t, 1, (short) 1))
                                    .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
