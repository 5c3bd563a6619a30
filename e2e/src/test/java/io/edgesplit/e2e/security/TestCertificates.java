package io.edgesplit.e2e.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority, a broker certificate it signs (for localhost and 127.0.0.1) and client
 * trust stores, made with the JDK's {@code keytool} in a directory: what a user makes with their
 * own CA for a TLS listener. All stores are PKCS12 with one password.
 *
 * @param brokerKeystore the broker's key and certificate chain
 * @param truststore trusts the CA
 * @param otherTruststore trusts another CA only: a client with it must not trust the broker
 * @param password of every store (a test secret)
 */
record TestCertificates(
        Path brokerKeystore, Path truststore, Path otherTruststore, String password) {

    private static final Path KEYTOOL = Path.of(System.getProperty("java.home"), "bin", "keytool");

    /** Makes the CA, the broker certificate and the two trust stores in {@code dir}. */
    static TestCertificates create(Path dir, String password)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates c =
                new TestCertificates(
                        dir.resolve("broker.p12"),
                        dir.resolve("truststore.p12"),
                        dir.resolve("other-truststore.p12"),
                        password);
        c.ca(dir, "ca");
        c.ca(dir, "other-ca");
        Path caStore = dir.resolve("ca.p12");
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-keystore",
                c.brokerKeystore + "",
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        keytool(
                dir,
                "-certreq",
                "-alias",
                "broker",
                "-keystore",
                c.brokerKeystore + "",
                "-storepass",
                password,
                "-file",
                "broker.csr");
        keytool(
                dir,
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                caStore + "",
                "-storepass",
                password,
                "-infile",
                "broker.csr",
                "-outfile",
                "broker.pem",
                "-rfc",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2");
        keytool(
                dir,
                "-importcert",
                "-alias",
                "ca",
                "-keystore",
                c.brokerKeystore + "",
                "-storepass",
                password,
                "-file",
                "ca.pem",
                "-noprompt");
        keytool(
                dir,
                "-importcert",
                "-alias",
                "broker",
                "-keystore",
                c.brokerKeystore + "",
                "-storepass",
                password,
                "-file",
                "broker.pem");
        c.trust(dir, c.truststore, "ca.pem");
        c.trust(dir, c.otherTruststore, "other-ca.pem");
        return c;
    }

    private void ca(Path dir, String name) throws IOException, InterruptedException {
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=edgesplit-test-" + name,
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                name + ".p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                password);
        keytool(
                dir,
                "-exportcert",
                "-alias",
                name,
                "-keystore",
                name + ".p12",
                "-storepass",
                password,
                "-rfc",
                "-file",
                name + ".pem");
    }

    private void trust(Path dir, Path store, String pem) throws IOException, InterruptedException {
        keytool(
                dir,
                "-importcert",
                "-alias",
                "ca",
                "-keystore",
                store + "",
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-file",
                pem,
                "-noprompt");
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(KEYTOOL.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("keytool.out");
        Process p =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "keytool " + args[0] + " failed: " + Files.readString(out).strip());
        }
    }
}
