package io.edgesplit.cli;

import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.embedded.EmbeddedKafka;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgesplit broker}: a single-node Kafka broker for trying the other commands locally. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a single-node Kafka broker (KRaft, in this JVM, data in a temporary directory deleted on exit)"
                    + " with the edgesplit topics, until Ctrl-C. For trying `job`, `replay` and `record` on a laptop"
                    + " without a Kafka installation; use a real cluster for anything else."
        })
public final class BrokerCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "Listener port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(
            names = "--partitions",
            defaultValue = "2",
            description =
                    "Partitions of the telemetry and frames topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "--port must be a TCP port (0 for any free one), got " + port);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).start();
        // Ctrl-C: the JVM waits for shutdown hooks, not for this thread, so the hook closes the
        // broker (and deletes its data) itself
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    kafka.close();
                                    stopped.countDown();
                                },
                                "broker-stop"));
        EdgesplitTopics topics = EdgesplitTopics.defaults();
        kafka.createTopics(partitions, topics.telemetry(), topics.frames());
        kafka.createTopics(
                1, topics.profiles(), topics.results(), topics.decisions(), topics.deadLetters());
        System.out.println(
                "edgesplit broker: Kafka at "
                        + kafka.bootstrapServers()
                        + " with topics "
                        + String.join(", ", topics.all())
                        + " (Ctrl-C stops it and deletes its data)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
