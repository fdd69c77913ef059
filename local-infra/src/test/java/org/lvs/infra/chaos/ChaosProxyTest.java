package org.lvs.infra.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy against a real echo server on a real socket: pass-through, blackhole, reset, and back. */
class ChaosProxyTest {

    private EchoServer echo;
    private ChaosProxy proxy;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = ChaosProxy.start(0, "127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        proxy.close();
        echo.close();
    }

    @Test
    void passThroughForwardsBothWays() throws IOException {
        Socket client = connect();
        assertEquals("hello", roundTrip(client, "hello"));
        assertEquals("again", roundTrip(client, "again"));
        assertEquals(ChaosProxy.Mode.PASS_THROUGH, proxy.mode());
    }

    @Test
    void blackholeForwardsNothingAndHoldsNewConnectionsUntilPassThrough() throws IOException {
        Socket old = connect();
        assertEquals("before", roundTrip(old, "before"));
        long bytesBefore = echo.bytesReceived();

        proxy.blackhole();
        send(old, "held");
        assertNothingArrives(old);
        Socket fresh = connect(); // accepted, though nothing reaches the server
        send(fresh, "queued");
        assertNothingArrives(fresh);
        assertEquals(bytesBefore, echo.bytesReceived(), "bytes reached the server through a blackhole");
        assertEquals(1, echo.connections(), "a connection reached the server through a blackhole");

        proxy.passThrough();
        assertEquals("held", read(old, 4), "held bytes go on once the blackhole heals");
        assertEquals("queued", read(fresh, 6), "a held connection goes on once the blackhole heals");
        assertEquals("after", roundTrip(old, "after"));
    }

    @Test
    void resetClosesEveryOpenConnectionAtOnceAndNewOnesWork() throws IOException {
        Socket first = connect();
        Socket second = connect();
        assertEquals("one", roundTrip(first, "one"));
        assertEquals("two", roundTrip(second, "two"));

        assertEquals(2, proxy.resetAll());

        assertClosed(first);
        assertClosed(second);
        assertEquals(0, proxy.openConnections());
        assertEquals(2, proxy.resetConnections());
        assertEquals(ChaosProxy.Mode.PASS_THROUGH, proxy.mode(), "a reset leaves the mode as it was");
        Socket fresh = connect();
        assertEquals("fresh", roundTrip(fresh, "fresh"));
    }

    @Test
    void resetAlsoCutsConnectionsHeldByABlackhole() throws IOException {
        Socket established = connect();
        assertEquals("x", roundTrip(established, "x"));
        proxy.blackhole();
        Socket held = connect();
        awaitOpenConnections(2);

        assertEquals(2, proxy.resetAll());

        assertClosed(established);
        assertClosed(held);
        proxy.passThrough();
        assertEquals("back", roundTrip(connect(), "back"));
    }

    @Test
    void aTargetThatIsDownClosesTheClientConnection() throws IOException {
        // Closing the echo server would free its port for any other listener on the machine (CI once saw one take it
        // in time, and the proxy's connection stayed open). A socket bound without listening keeps the port reserved
        // (no SO_REUSEADDR, so no one else binds it, nor picks it as a source port) and refuses every connection.
        try (Socket reserved = new Socket()) {
            reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            proxy.close();
            proxy = ChaosProxy.start(0, "127.0.0.1", reserved.getLocalPort());
            Socket client = connect();
            assertClosed(client);
        }
    }

    @Test
    void bytesArriveIntactInBothDirections() throws IOException {
        Socket client = connect();
        byte[] payload = new byte[200_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        OutputStream out = client.getOutputStream();
        Thread writer = new Thread(() -> {
            try {
                out.write(payload);
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertArrayEquals(payload, client.getInputStream().readNBytes(payload.length));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(10_000);
        clients.add(socket);
        return socket;
    }

    private void awaitOpenConnections(int count) {
        for (int i = 0; i < 200 && proxy.openConnections() < count; i++) {
            sleep(25);
        }
        assertEquals(count, proxy.openConnections());
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        send(socket, text);
        return read(socket, text.length());
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    private static String read(Socket socket, int length) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Nothing comes back within a second (the only way to observe an absence). */
    private static void assertNothingArrives(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(1_000);
        try {
            assertThrows(
                    SocketTimeoutException.class, () -> socket.getInputStream().read());
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** The peer closed: end of stream or a reset, never data. */
    private static void assertClosed(Socket socket) {
        try {
            int read = socket.getInputStream().read();
            assertEquals(-1, read, "data arrived on a connection that should be closed");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection is still open", e);
        } catch (IOException e) {
            // "Connection reset": closed, as it should be
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Echoes every byte back, and counts connections and bytes it received. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong connections = new AtomicLong();
        private final List<Socket> sockets = new ArrayList<>();

        EchoServer() throws IOException {
            Thread acceptor = new Thread(this::acceptLoop, "echo-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        long bytesReceived() {
            return bytes.get();
        }

        long connections() {
            return connections.get();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    synchronized (sockets) {
                        sockets.add(socket);
                    }
                    Thread echoer = new Thread(() -> echo(socket), "echo");
                    echoer.setDaemon(true);
                    echoer.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void echo(Socket socket) {
            byte[] buffer = new byte[8192];
            try (InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    bytes.addAndGet(read);
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
