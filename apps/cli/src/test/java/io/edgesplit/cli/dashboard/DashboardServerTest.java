package io.edgesplit.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgesplit.avro.ResultStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardServerTest {

    private final LiveStats live = new LiveStats("edgesplit demo", "test run", null, 3);
    private final HttpClient http = HttpClient.newHttpClient();
    private DashboardServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void servesThePageItsScriptsAndTheChartLibraryFromTheWebJar() throws Exception {
        server = DashboardServer.start(0, live::snapshot);
        assertThat(server.url().toString()).isEqualTo("http://localhost:" + server.port() + "/");

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("<script src=\"/webjars/echarts/dist/echarts.min.js\"></script>")
                .contains("id=\"throughput\"");
        assertThat(get("/dashboard.js").body()).contains("/api/snapshot");
        assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);

        HttpResponse<String> echarts = get("/webjars/echarts/dist/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.headers().firstValue("Content-Type"))
                .hasValue("text/javascript; charset=utf-8");
        assertThat(echarts.body()).hasSizeGreaterThan(500_000).contains("echarts");
    }

    @Test
    void snapshotIsValidJsonWithNullsForMissingValues() throws Exception {
        server = DashboardServer.start(0, live::snapshot);
        live.onResult(LiveStatsTest.result("cam-00", 0, ResultStatus.SKIPPED, 0, 0, 0));

        HttpResponse<String> response = get("/api/snapshot");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertThat(json.get("title").asText()).isEqualTo("edgesplit demo");
        assertThat(json.get("state").asText()).isEqualTo("running");
        assertThat(json.at("/totals/skipped").asLong()).isEqualTo(1);
        assertThat(json.at("/totals/p95Ms").isNull()).isTrue();
        assertThat(json.at("/series/windowS").asInt()).isEqualTo(LiveStats.WINDOW_S);
        assertThat(json.at("/cuts/labels").isArray()).isTrue();
    }

    @Test
    void unknownPathsTraversalAndWritesAreRefused() throws Exception {
        server = DashboardServer.start(0, live::snapshot);
        assertThat(get("/nope").statusCode()).isEqualTo(404);
        assertThat(get("/webjars/echarts/dist/nope.js").statusCode()).isEqualTo(404);
        assertThat(get("/webjars/nosuchjar/x.js").statusCode()).isEqualTo(404);
        assertThat(
                        get("/webjars/echarts/%2e%2e/%2e%2e/io/edgesplit/cli/dashboard/index.html")
                                .statusCode())
                .isEqualTo(404);
        HttpResponse<String> post =
                http.send(
                        HttpRequest.newBuilder(server.url().resolve("/api/snapshot"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void answersOnlyRequestsForLocalhost() throws Exception {
        server = DashboardServer.start(0, live::snapshot);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream()
                    .write(
                            "GET /api/snapshot HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
            String status =
                    new BufferedReader(
                                    new InputStreamReader(
                                            socket.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();
            assertThat(status).isEqualTo("HTTP/1.1 403 Forbidden");
        }
        assertThat(DashboardServer.isLocalHost("localhost:8088")).isTrue();
        assertThat(DashboardServer.isLocalHost("LOCALHOST")).isTrue();
        assertThat(DashboardServer.isLocalHost("127.0.0.1:9000")).isTrue();
        assertThat(DashboardServer.isLocalHost("[::1]:8088")).isTrue();
        assertThat(DashboardServer.isLocalHost("evil.example:8088")).isFalse();
        assertThat(DashboardServer.isLocalHost("localhost.evil.example")).isFalse();
        assertThat(DashboardServer.isLocalHost("127.0.0.1.nip.io:8088")).isFalse();
    }

    @Test
    void takesTheNextPortWhenThePreferredOneIsBusy() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server = DashboardServer.start(busy.getLocalPort(), live::snapshot);
            assertThat(server.port()).isNotEqualTo(busy.getLocalPort());
            assertThat(get("/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesAPortOutOfRange() {
        assertThatThrownBy(() -> DashboardServer.start(70_000, live::snapshot))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--dashboard-port")
                .hasMessageContaining("70000");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
