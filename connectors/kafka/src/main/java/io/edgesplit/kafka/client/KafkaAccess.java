package io.edgesplit.kafka.client;

import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Checks, before any work starts, that this client's principal holds the ACLs a command needs: READ
 * on the topics it reads and on its consumer groups, WRITE on the topics it writes and on its
 * transactional id prefix. A missing ACL then ends the command in one line naming the resource,
 * instead of a Flink job that fails and restarts without end (the Kafka source and sink retry an
 * authorization error like any other).
 *
 * <p>Topics and groups are checked with the admin client's authorized operations (KIP-430), the
 * transactional id by initialising a transactional producer {@code <prefix>-access-check}. A
 * cluster without an authorizer reports every operation as allowed.
 */
public final class KafkaAccess {

    private static final String SEE = " (docs/security.md lists the ACLs)";

    private KafkaAccess() {}

    /**
     * What a command needs.
     *
     * @param read topics it reads
     * @param write topics it writes
     * @param groups consumer groups it joins or commits to
     * @param transactionalIdPrefix prefix of its transactional ids, if it writes in transactions
     */
    public record Needs(
            Collection<String> read,
            Collection<String> write,
            Collection<String> groups,
            Optional<String> transactionalIdPrefix) {}

    /**
     * What the edge job needs: READ on its inputs and its sources' consumer group, WRITE on its
     * outputs and, when it writes exactly once, on its transactional ids.
     *
     * @param leaseGroup the group of {@code edgesplit job}'s lease, if it takes one
     */
    public static Needs forJob(ReadableConfig config, Optional<String> leaseGroup) {
        EdgesplitTopics topics = EdgesplitTopics.fromConfig(config);
        List<String> groups = new ArrayList<>(List.of(config.get(KafkaOptions.GROUP_ID)));
        leaseGroup.ifPresent(groups::add);
        boolean transactional =
                config.get(KafkaOptions.DELIVERY_GUARANTEE) == DeliveryGuarantee.EXACTLY_ONCE;
        return new Needs(
                List.of(topics.telemetry(), topics.frames(), topics.profiles()),
                List.of(topics.decisions(), topics.results(), topics.deadLetters()),
                groups,
                transactional
                        ? Optional.of(config.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX))
                        : Optional.empty());
    }

    /**
     * Fails on the first ACL of {@code needs} the principal lacks. Topics that do not exist are
     * passed over (commands report those themselves).
     *
     * @throws IllegalStateException naming the operation and resource, or the authentication
     *     failure
     */
    public static void require(
            Admin admin, String bootstrap, KafkaClientProperties client, Needs needs) {
        Set<String> topics = new LinkedHashSet<>(needs.read());
        topics.addAll(needs.write());
        if (!topics.isEmpty()) {
            Map<String, KafkaFuture<TopicDescription>> described =
                    admin.describeTopics(
                                    topics,
                                    new DescribeTopicsOptions().includeAuthorizedOperations(true))
                            .topicNameValues();
            for (String t : needs.read()) {
                topicAllows(described.get(t), bootstrap, t, AclOperation.READ);
            }
            for (String t : needs.write()) {
                topicAllows(described.get(t), bootstrap, t, AclOperation.WRITE);
            }
        }
        for (String g : needs.groups()) {
            groupAllowsRead(admin, bootstrap, g);
        }
        needs.transactionalIdPrefix().ifPresent(p -> transactionsAllowed(bootstrap, client, p));
    }

    private static void topicAllows(
            KafkaFuture<TopicDescription> future, String bootstrap, String topic, AclOperation op) {
        TopicDescription d;
        try {
            d = get(future, bootstrap);
        } catch (UnknownTopicOrPartitionException e) {
            return;
        } catch (TopicAuthorizationException e) {
            throw denied(bootstrap, op, "topic " + topic);
        }
        if (!allows(d.authorizedOperations(), op)) {
            throw denied(bootstrap, op, "topic " + topic);
        }
    }

    private static void groupAllowsRead(Admin admin, String bootstrap, String group) {
        ConsumerGroupDescription d;
        try {
            d =
                    get(
                            admin.describeConsumerGroups(
                                            List.of(group),
                                            new DescribeConsumerGroupsOptions()
                                                    .includeAuthorizedOperations(true))
                                    .describedGroups()
                                    .get(group),
                            bootstrap);
        } catch (GroupIdNotFoundException e) {
            // a new group: the broker checked DESCRIBE before it looked the group up
            return;
        } catch (GroupAuthorizationException e) {
            throw denied(bootstrap, AclOperation.READ, "consumer group " + group);
        }
        if (!allows(d.authorizedOperations(), AclOperation.READ)) {
            throw denied(bootstrap, AclOperation.READ, "consumer group " + group);
        }
    }

    private static void transactionsAllowed(
            String bootstrap, KafkaClientProperties client, String prefix) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "edgesplit-access-check");
        p.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-access-check");
        p.setProperty(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Long.toString(KafkaClusters.ANSWER_TIMEOUT.toMillis()));
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(
                        client.merge(p), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
        } catch (TransactionalIdAuthorizationException e) {
            throw denied(bootstrap, AclOperation.WRITE, "transactional id prefix " + prefix);
        } catch (AuthenticationException e) {
            throw KafkaClusters.refused(bootstrap, e);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw KafkaClusters.unreachable(bootstrap, KafkaClusters.ANSWER_TIMEOUT, e);
        }
    }

    private static boolean allows(Set<AclOperation> granted, AclOperation op) {
        // null: the broker did not say (an old broker); ALL covers every operation
        return granted == null || granted.contains(op) || granted.contains(AclOperation.ALL);
    }

    private static <T> T get(KafkaFuture<T> future, String bootstrap) {
        return KafkaClusters.await(future, bootstrap, KafkaClusters.ANSWER_TIMEOUT);
    }

    /** "Kafka at H does not allow this client to READ topic T: add an ACL ...". */
    static IllegalStateException denied(String bootstrap, AclOperation op, String resource) {
        return new AuthorizationDenied(
                "Kafka at "
                        + bootstrap
                        + " does not allow this client's principal to "
                        + op
                        + " "
                        + resource
                        + ": add an ALLOW "
                        + op
                        + " ACL for it"
                        + SEE);
    }

    /** A missing ACL, found by {@link #require}. */
    public static final class AuthorizationDenied extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AuthorizationDenied(String message) {
            super(message);
        }
    }
}
