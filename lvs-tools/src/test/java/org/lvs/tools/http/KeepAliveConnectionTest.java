package org.lvs.tools.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
    void connectOpensTheConnectionBeforeAnyRequestAndTheRequestUsesIt() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
                KeepAliveConnection c = new KeepAliveConnection("http://127.0.0.1:" + listener.getLocalPort())) {
            listener.setSoTimeout(5000);
            c.connect();
            c.connect();
            try (Socket accepted = listener.accept()) {
                CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> answer202(accepted));

                assertEquals(202, c.post("/sized", new byte[0], 5000).status());
                assertTrue(request.get(5, TimeUnit.SECONDS).startsWith("POST /sized HTTP/1.1"));
                listener.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, listener::accept, "one connection, opened by connect()");
            }
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

    /** Reads one bodiless request's head from a raw socket and answers 202 with no body; gives the request line. */
    private static String answer202(Socket socket) {
        try {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = in.readLine();
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                // the headers: read past
            }
            socket.getOutputStream()
                    .write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return requestLine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
