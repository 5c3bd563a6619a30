package io.edgesplit.cli.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webjars.WebJarVersionLocator;

/**
 * The demo's live dashboard: a small HTTP server on the loopback interface (the JDK's {@code
 * com.sun.net.httpserver}) that serves one page, its script and style, the chart library from its
 * WebJar on the classpath, and {@code /api/snapshot}, the JSON the page polls every second.
 *
 * <pre>
 * GET /                                   the page
 * GET /dashboard.js, /dashboard.css       its script and style (classpath, this package)
 * GET /webjars/{name}/{path}              a WebJar asset, version found by webjars-locator-lite
 * GET /api/snapshot                       {@link DashboardSnapshot} as JSON
 * </pre>
 */
public final class DashboardServer implements AutoCloseable {

    /** Port tried first unless another is given. */
    public static final int DEFAULT_PORT = 8088;

    /** Ports tried above the preferred one before any free port is taken. */
    static final int PORTS_TRIED = 50;

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String RESOURCES = "io/edgesplit/cli/dashboard/";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Map<String, String> PAGES =
            Map.of(
                    "/", "index.html",
                    "/index.html", "index.html",
                    "/dashboard.js", "dashboard.js",
                    "/dashboard.css", "dashboard.css");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<DashboardSnapshot> snapshots;
    private final ObjectMapper json = new ObjectMapper();
    private final WebJarVersionLocator webJars = new WebJarVersionLocator();
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    private DashboardServer(HttpServer server, Supplier<DashboardSnapshot> snapshots) {
        this.server = server;
        this.snapshots = snapshots;
        this.executor =
                Executors.newFixedThreadPool(
                        2,
                        r -> {
                            Thread t = new Thread(r, "dashboard-http");
                            t.setDaemon(true);
                            return t;
                        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /**
     * Starts a server on localhost at {@code preferredPort}, or the next free port above it, or any
     * free port (also when {@code preferredPort} is 0).
     */
    public static DashboardServer start(int preferredPort, Supplier<DashboardSnapshot> snapshots)
            throws IOException {
        if (preferredPort < 0 || preferredPort > 65535) {
            throw new IllegalArgumentException(
                    "--dashboard-port must be a TCP port (0 = any free one), got " + preferredPort);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer server = null;
        for (int p = preferredPort;
                server == null && p > 0 && p < preferredPort + PORTS_TRIED && p <= 65535;
                p++) {
            try {
                server = HttpServer.create(new InetSocketAddress(loopback, p), 0);
            } catch (BindException taken) {
                LOG.debug("dashboard port {} is taken, trying the next one", p);
            }
        }
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        }
        DashboardServer dashboard = new DashboardServer(server, snapshots);
        server.start();
        return dashboard;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address. */
    public URI url() {
        return URI.create("http://localhost:" + port() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            route(ex);
        } catch (RuntimeException e) {
            LOG.warn("dashboard request {} failed", ex.getRequestURI(), e);
            send(ex, 500, TEXT, text("dashboard error: " + e), false);
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) throws IOException {
        if (!isLocalHost(ex.getRequestHeaders().getFirst("Host"))) {
            // a page elsewhere that rebinds its DNS name to 127.0.0.1 must not read the snapshot
            send(ex, 403, TEXT, text("the dashboard answers requests for localhost only"), false);
            return;
        }
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            send(ex, 405, TEXT, text(method + " is not supported"), false);
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (path.equals("/api/snapshot")) {
            send(ex, 200, JSON, snapshotJson(), false);
        } else if (PAGES.containsKey(path)) {
            String file = PAGES.get(path);
            byte[] page = asset(RESOURCES + file);
            if (page == null) {
                throw new IllegalStateException(RESOURCES + file + " is not on the classpath");
            }
            send(ex, 200, contentType(file), page, false);
        } else if (path.startsWith("/webjars/")) {
            webJar(ex, path.substring("/webjars/".length()));
        } else {
            send(ex, 404, TEXT, text("no such page: " + path), false);
        }
    }

    /** Whether a Host header names the loopback interface (any port: ssh -L may change it). */
    static boolean isLocalHost(String host) {
        if (host == null) {
            return true; // HTTP/1.0 without Host: not a browser
        }
        String name =
                host.startsWith("[")
                        ? host.substring(0, host.indexOf(']') + 1)
                        : host.replaceFirst(":\\d*$", "");
        return name.equalsIgnoreCase("localhost")
                || name.equals("127.0.0.1")
                || name.equals("[::1]");
    }

    private byte[] snapshotJson() {
        try {
            return json.writeValueAsBytes(snapshots.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboard snapshot as JSON", e);
        }
    }

    private void webJar(HttpExchange ex, String rest) throws IOException {
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.contains("..") || rest.contains("\\")) {
            send(ex, 404, TEXT, text("not a WebJar asset: /webjars/" + rest), false);
            return;
        }
        String fullPath = webJars.fullPath(rest.substring(0, slash), rest.substring(slash + 1));
        byte[] body = fullPath == null ? null : asset(fullPath);
        if (body == null) {
            send(ex, 404, TEXT, text("no WebJar asset /webjars/" + rest), false);
        } else {
            send(ex, 200, contentType(rest), body, true);
        }
    }

    /** A classpath resource, cached; null when there is none. */
    private byte[] asset(String resource) {
        byte[] cached = assets.get(resource);
        if (cached != null) {
            return cached;
        }
        try (InputStream in =
                DashboardServer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            assets.put(resource, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
        }
    }

    private static void send(
            HttpExchange ex, int status, String contentType, byte[] body, boolean immutable)
            throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders()
                .set("Cache-Control", immutable ? "public, max-age=86400" : "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (file.endsWith(".json") || file.endsWith(".map")) {
            return JSON;
        } else if (file.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    private static byte[] text(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
