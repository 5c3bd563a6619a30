package io.edgesplit.kafka.client;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Talking to a Kafka cluster before any work starts: an admin client that gives up in bounded time,
 * and the one message every command prints when the cluster does not answer.
 */
public final class KafkaClusters {

    /** How long a command waits for the cluster to answer a metadata request. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private KafkaClusters() {}

    /** An admin client whose calls fail after {@link #ANSWER_TIMEOUT}; close it after use. */
    public static Admin admin(String bootstrapServers, String clientId) {
        return admin(bootstrapServers, KafkaClientProperties.NONE, clientId, ANSWER_TIMEOUT);
    }

    /**
     * An admin client with the user's client properties (security), whose calls fail after {@link
     * #ANSWER_TIMEOUT}; close it after use.
     */
    public static Admin admin(
            String bootstrapServers, KafkaClientProperties client, String clientId) {
        return admin(bootstrapServers, client, clientId, ANSWER_TIMEOUT);
    }

    /** An admin client whose calls fail after {@code timeout}; close it after use. */
    public static Admin admin(String bootstrapServers, String clientId, Duration timeout) {
        return admin(bootstrapServers, KafkaClientProperties.NONE, clientId, timeout);
    }

    /**
     * An admin client with the user's client properties whose calls fail after {@code timeout};
     * close it after use.
     */
    public static Admin admin(
            String bootstrapServers,
            KafkaClientProperties client,
            String clientId,
            Duration timeout) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        p.setProperty(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.setProperty(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis() / 2));
        return Admin.create(client.merge(p));
    }

    /**
     * The names of the cluster's topics, asked through an admin client from {@link #admin}.
     *
     * @param timeout the admin's timeout, for the message
     * @throws IllegalStateException if the cluster does not answer in time (the message says to
     *     check the bootstrap servers) or refuses the request
     */
    public static Set<String> topicNames(Admin admin, String bootstrapServers, Duration timeout) {
        return answer(admin.listTopics().names(), bootstrapServers, timeout, "list its topics");
    }

    /**
     * The cluster's id (the same for every broker of one cluster, whatever address reached it),
     * asked through an admin client from {@link #admin}.
     *
     * @throws IllegalStateException as {@link #topicNames}
     */
    public static String clusterId(Admin admin, String bootstrapServers, Duration timeout) {
        return answer(
                admin.describeCluster().clusterId(),
                bootstrapServers,
                timeout,
                "describe the cluster");
    }

    private static <T> T answer(
            KafkaFuture<T> future, String bootstrapServers, Duration timeout, String what) {
        try {
            return await(future, bootstrapServers, timeout);
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "Kafka at " + bootstrapServers + " refused to " + what + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The value of an admin call. No answer in time and a refused authentication become the
     * one-line messages of {@link #unreachable} and {@link #refused}; any other Kafka error is
     * thrown as it is, for the caller to name (a missing ACL, an unknown topic).
     *
     * @param timeout the admin's timeout, for the message
     */
    static <T> T await(KafkaFuture<T> future, String bootstrapServers, Duration timeout) {
        try {
            // the admin's own timeout fires first; the margin only guards against a lost answer
            return future.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(bootstrapServers, timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw unreachable(bootstrapServers, timeout, cause);
            }
            if (cause instanceof AuthenticationException a) {
                throw refused(bootstrapServers, a);
            }
            if (cause instanceof KafkaException k) {
                throw k;
            }
            throw new IllegalStateException(
                    "Kafka at " + bootstrapServers + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    /**
     * "Kafka at H refused this client: (the cause): check the credentials and trust store in
     * --kafka-config": a wrong password, an untrusted certificate, a mechanism the broker does not
     * offer.
     */
    public static IllegalStateException refused(
            String bootstrapServers, AuthenticationException e) {
        return new IllegalStateException(
                "Kafka at "
                        + bootstrapServers
                        + " refused this client: "
                        + e.getMessage()
                        + ": check the credentials and trust store in --kafka-config"
                        + " (docs/security.md)",
                e);
    }

    /** "Kafka at H did not answer within 30 s: check --bootstrap and that the cluster is up". */
    public static IllegalStateException unreachable(
            String bootstrapServers, Duration waited, Throwable cause) {
        return new IllegalStateException(
                "Kafka at "
                        + bootstrapServers
                        + " did not answer within "
                        + waited.toSeconds()
                        + " s: check --bootstrap and that the cluster is up",
                cause);
    }
}
