package org.lvs.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the JDK's own HTTP server: what the bench's sender relies on, answer framing and keep-alive. */
class KeepAliveConnectionTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sized", exchange -> answer(exchange, 202, "{\"status\":\"ACCEPTED\"}", false, false));
        server.createContext("/chunked", exchange -> answer(exchange, 200, "a body sent in chunks", true, false));
        server.createContext("/empty", exchange -> answer(exchange, 204, "", false, false));
        server.createContext("/closing", exchange -> answer(exchange, 503, "{}", false, true));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsTheBodyWithItsHeadersAndReadsASizedAnswerOnOneConnection() throws IOException {
        try (KeepAliveConnection c = connection()) {
            KeepAliveConnection.Answer first = c.post("/sized", "{\"n\":1}".getBytes(StandardCharsets.UTF_8), 5000);
            KeepAliveConnection.Answer second = c.post("/sized", "{\"n\":2}".getBytes(StandardCharsets.UTF_8), 5000);

            assertEquals(202, first.status());
            assertEquals("{\"status\":\"ACCEPTED\"}", first.text());
            assertEquals(202, second.status());
            assertEquals(
                    List.of("POST Bearer t application/json {\"n\":1}", "POST Bearer t application/json {\"n\":2}"),
                    seen);
            assertEquals(clientPorts.get(0), clientPorts.get(1), "the second request reused the connection");
        }
    }

    @Test
    void readsAChunkedAnswerWholeAndTheConnectionStaysUsable() throws IOException {
        try (KeepAliveConnection c = connection()) {
            KeepAliveConnection.Answer first = c.post("/chunked", new byte[0], 5000);
            KeepAliveConnection.Answer second = c.post("/chunked", new byte[0], 5000);

            assertEquals(200, first.status());
            assertEquals("a body sent in chunks", first.text());
            assertEquals("a body sent in chunks", second.text());
            assertEquals(clientPorts.get(0), clientPorts.get(1));
        }
    }

    @Test
    void aNoContentAnswerHasNoBodyAndTheConnectionStaysUsable() throws IOException {
        try (KeepAliveConnection c = connection()) {
            KeepAliveConnection.Answer first = c.post("/empty", new byte[0], 5000);
            KeepAliveConnection.Answer second = c.post("/sized", new byte[0], 5000);

            assertEquals(204, first.status());
            assertEquals(0, first.body().length);
            assertEquals(202, second.status());
            assertEquals(clientPorts.get(0), clientPorts.get(1));
        }
    }

    @Test
    void opensANewConnectionAfterTheServerClosedIt() throws IOException {
        try (KeepAliveConnection c = connection()) {
            assertEquals(503, c.post("/closing", new byte[0], 5000).status());
            assertEquals(503, c.post("/closing", new byte[0], 5000).status());

            assertNotEquals(clientPorts.get(0), clientPorts.get(1));
        }
    }

    @Test
    void aBasePathPrefixesEveryRequestAndOnlyPlainHttpIsTaken() throws IOException {
        try (KeepAliveConnection c = new KeepAliveConnection(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/sized/")) {
            assertEquals(202, c.post("/x", new byte[0], 5000).status());
        }
        assertEquals(List.of("/sized/x"), paths);
        assertThrows(IllegalArgumentException.class, () -> KeepAliveConnection.requireHttp("https://127.0.0.1:8081"));
        assertThrows(IllegalArgumentException.class, () -> KeepAliveConnection.requireHttp("127.0.0.1:8081"));
    }

    private KeepAliveConnection connection() {
        return new KeepAliveConnection(
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "Content-Type: application/json",
                "Authorization: Bearer t");
    }

    private void answer(HttpExchange exchange, int status, String body, boolean chunked, boolean close)
            throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        seen.add(exchange.getRequestMethod() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + new String(request, StandardCharsets.UTF_8));
        clientPorts.add(exchange.getRemoteAddress().getPort());
        paths.add(exchange.getRequestURI().getPath());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (close) {
            exchange.getResponseHeaders().add("Connection", "close");
        }
        // The JDK's server takes 0 for chunked and -1 for no body at all.
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
