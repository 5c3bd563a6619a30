#!/usr/bin/env bash
# One-shot service of the secured compose variant (docker-compose.secured.yml): makes a test
# certificate authority, the broker's key store (for the names kafka and localhost), a trust store
# and the client properties of the job and the replayer, in /etc/kafka/secrets (a named volume).
# Runs once: an existing broker.p12 is kept. Passwords come from the environment (see .env.example
# in docs/security.md); they are written only to files in the volume, never printed.
set -euo pipefail

DIR=/etc/kafka/secrets
STORE_PASSWORD=${EDGESPLIT_STORE_PASSWORD:?set EDGESPLIT_STORE_PASSWORD}
cd "${DIR}"
if [ -f broker.p12 ]; then
    echo "make-secrets: ${DIR}/broker.p12 exists; keeping it"
    exit 0
fi
keytool=(keytool -storetype PKCS12 -storepass "${STORE_PASSWORD}")

"${keytool[@]}" -genkeypair -alias ca -keyalg RSA -keysize 2048 -dname CN=edgesplit-compose-ca \
    -ext bc:c -validity 365 -keystore ca.p12
"${keytool[@]}" -exportcert -alias ca -keystore ca.p12 -rfc -file ca.pem
"${keytool[@]}" -genkeypair -alias broker -keyalg RSA -keysize 2048 -dname CN=kafka \
    -validity 365 -keystore broker.p12
"${keytool[@]}" -certreq -alias broker -keystore broker.p12 -file broker.csr
"${keytool[@]}" -gencert -alias ca -keystore ca.p12 -infile broker.csr -outfile broker.pem -rfc \
    -ext SAN=dns:kafka,dns:localhost,ip:127.0.0.1 -validity 365
"${keytool[@]}" -importcert -alias ca -keystore broker.p12 -file ca.pem -noprompt
"${keytool[@]}" -importcert -alias broker -keystore broker.p12 -file broker.pem
"${keytool[@]}" -importcert -alias ca -keystore truststore.p12 -file ca.pem -noprompt

client_properties() { # user password
    cat <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$1" password="$2";
ssl.truststore.location=${DIR}/truststore.p12
ssl.truststore.type=PKCS12
ssl.truststore.password=${STORE_PASSWORD}
PROPS
}
client_properties edge-job "${EDGESPLIT_JOB_PASSWORD:?set EDGESPLIT_JOB_PASSWORD}" > job.properties
client_properties edge-replay "${EDGESPLIT_REPLAY_PASSWORD:?set EDGESPLIT_REPLAY_PASSWORD}" \
    > replay.properties
chmod 640 ./*.properties ./*.p12
rm -f broker.csr
echo "make-secrets: CA, broker key store, trust store and client properties in ${DIR}"
