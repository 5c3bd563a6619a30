package io.edgesplit.e2e.security;

import io.edgesplit.e2e.kafka.StandaloneKafka;
import io.edgesplit.kafka.client.KafkaClusters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A standalone Kafka broker (its own JVM) secured as production clusters are: a SASL_SSL listener
 * with SCRAM-SHA-512 and a certificate from a test CA, a SASL_PLAINTEXT listener with PLAIN, and
 * ACLs enforced by KRaft's StandardAuthorizer. The PLAINTEXT listener stays for the test itself, as
 * the super user ANONYMOUS: it creates topics, users and ACLs and reads the outputs.
 */
final class SecuredBroker implements AutoCloseable {

    static final String SASL_SSL = "SASL_SSL";
    static final String SASL_PLAINTEXT = "SASL_PLAINTEXT";

    /** A PLAIN user the broker's JAAS config defines. */
    static final String PLAIN_USER = "alice";

    static final String PLAIN_PASSWORD = "alice-pw-41d7c2";

    private final StandaloneKafka kafka;
    private final TestCertificates certs;
    private final Path dir;

    private SecuredBroker(StandaloneKafka kafka, TestCertificates certs, Path dir) {
        this.kafka = kafka;
        this.certs = certs;
        this.dir = dir;
    }

    /** Makes the certificates and starts the broker in {@code dir}. */
    static SecuredBroker start(Path dir) throws IOException, InterruptedException {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"), "store-pw-93b1e0");
        String ssl = "listener.name.sasl_ssl.";
        String plain = "listener.name.sasl_plaintext.";
        StandaloneKafka kafka =
                StandaloneKafka.fromBuildProperties()
                        .workDir(dir.resolve("kafka"))
                        .listener(SASL_SSL, SASL_SSL)
                        .listener(SASL_PLAINTEXT, SASL_PLAINTEXT)
                        .brokerProperty(ssl + "sasl.enabled.mechanisms", "SCRAM-SHA-512")
                        .brokerProperty(
                                ssl + "scram-sha-512.sasl.jaas.config",
                                "org.apache.kafka.common.security.scram.ScramLoginModule"
                                        + " required;")
                        .brokerProperty(plain + "sasl.enabled.mechanisms", "PLAIN")
                        .brokerProperty(
                                plain + "plain.sasl.jaas.config",
                                "org.apache.kafka.common.security.plain.PlainLoginModule"
                                        + " required user_"
                                        + PLAIN_USER
                                        + "=\""
                                        + PLAIN_PASSWORD
                                        + "\";")
                        .brokerProperty("ssl.keystore.location", certs.brokerKeystore().toString())
                        .brokerProperty("ssl.keystore.type", "PKCS12")
                        .brokerProperty("ssl.keystore.password", certs.password())
                        .brokerProperty("ssl.key.password", certs.password())
                        .brokerProperty(
                                "authorizer.class.name",
                                "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                        .brokerProperty("super.users", "User:ANONYMOUS")
                        .start();
        return new SecuredBroker(kafka, certs, dir);
    }

    /** The super user's PLAINTEXT address. */
    String adminBootstrap() {
        return kafka.bootstrapServers();
    }

    String bootstrap(String listener) {
        return "localhost:" + kafka.listenerPort(listener);
    }

    TestCertificates certificates() {
        return certs;
    }

    /** Adds SCRAM-SHA-512 users (name, password, name, password, ...). */
    void scramUsers(String... namesAndPasswords) throws Exception {
        List<UserScramCredentialUpsertion> upserts = new ArrayList<>();
        for (int i = 0; i < namesAndPasswords.length; i += 2) {
            upserts.add(
                    new UserScramCredentialUpsertion(
                            namesAndPasswords[i],
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
                            namesAndPasswords[i + 1]));
        }
        try (Admin admin = KafkaClusters.admin(adminBootstrap(), "secured-test")) {
            admin.alterUserScramCredentials(List.copyOf(upserts)).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** Allows {@code user} {@code op} on a resource (LITERAL or PREFIXED name). */
    static AclBinding allow(
            String user, AclOperation op, ResourceType type, String name, PatternType pattern) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    void acls(List<AclBinding> acls) throws Exception {
        try (Admin admin = KafkaClusters.admin(adminBootstrap(), "secured-test")) {
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * A client properties file for SCRAM-SHA-512 over SASL_SSL as {@code user}, trusting {@code
     * truststore}.
     */
    Path scramClientConfig(String name, String user, String password, Path truststore)
            throws IOException {
        return write(
                name,
                "security.protocol=SASL_SSL\n"
                        + "sasl.mechanism=SCRAM-SHA-512\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\";\n"
                        + "ssl.truststore.location="
                        + truststore
                        + "\nssl.truststore.type=PKCS12\n"
                        + "ssl.truststore.password="
                        + certs.password()
                        + "\n");
    }

    /** A client properties file for SASL/PLAIN over plain TCP as the PLAIN user. */
    Path plainClientConfig(String name) throws IOException {
        return write(
                name,
                "security.protocol=SASL_PLAINTEXT\n"
                        + "sasl.mechanism=PLAIN\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\""
                        + PLAIN_USER
                        + "\" password=\""
                        + PLAIN_PASSWORD
                        + "\";\n");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Override
    public void close() throws InterruptedException {
        kafka.close();
    }
}
