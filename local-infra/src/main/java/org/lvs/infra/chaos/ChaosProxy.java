package org.lvs.infra.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A small TCP proxy for fault tests, placed between the services and PostgreSQL (or anything else speaking TCP).
 *
 * <ul>
 *   <li>{@link #passThrough()}: bytes flow both ways, as without the proxy.</li>
 *   <li>{@link #blackhole()}: new connections are accepted and held (not connected upstream), and nothing is forwarded
 *       on any connection, as when the network drops every packet. {@link #passThrough()} heals it: held bytes and
 *       held connections go on, as TCP retransmission would deliver them once the network is back.</li>
 *   <li>{@link #resetAll()}: every open connection is closed at once with a TCP reset, on both sides, in whatever state
 *       it is (mid-transaction, held by a blackhole, idle in a pool). The mode stays as it was.</li>
 * </ul>
 *
 * One thread per direction of each connection; plain {@code java.net}, no dependency.
 */
public final class ChaosProxy implements AutoCloseable {

    public enum Mode {
        PASS_THROUGH,
        BLACKHOLE
    }

    private static final Logger LOG = Logger.getLogger(ChaosProxy.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER_BYTES = 16 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final Object gate = new Object();
    private volatile Mode mode = Mode.PASS_THROUGH;
    private volatile boolean closed;

    private ChaosProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on 127.0.0.1:{@code listenPort} (0: a free port) and forwards to {@code targetHost:targetPort}. */
    public static ChaosProxy start(int listenPort, String targetHost, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 256);
        ChaosProxy proxy = new ChaosProxy(server, new InetSocketAddress(targetHost, targetPort));
        Thread acceptor = new Thread(proxy::acceptLoop, "chaos-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    public Mode mode() {
        return mode;
    }

    /** Forward everything again; connections and bytes held by a blackhole go on. */
    public void passThrough() {
        setMode(Mode.PASS_THROUGH);
    }

    /** Forward nothing and hold new connections, until {@link #passThrough()}. */
    public void blackhole() {
        setMode(Mode.BLACKHOLE);
    }

    /** Closes every open connection at once with a reset (RST) on both sides; returns how many there were. */
    public int resetAll() {
        List<Link> open = List.copyOf(links);
        for (Link link : open) {
            link.reset();
        }
        resets.addAndGet(open.size());
        LOG.info("chaos proxy " + port() + ": reset " + open.size() + " connection(s)");
        return open.size();
    }

    /** Connections open now (connected upstream or held). */
    public int openConnections() {
        return links.size();
    }

    /** Connections accepted since the start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections closed by {@link #resetAll()} since the start. */
    public long resetConnections() {
        return resets.get();
    }

    private void setMode(Mode next) {
        synchronized (gate) {
            mode = next;
            gate.notifyAll();
        }
        LOG.info("chaos proxy " + port() + ": " + next);
    }

    /** Returns once the mode is pass-through, or false when the link was closed while waiting. */
    private boolean awaitPassThrough(Link link) {
        synchronized (gate) {
            while (mode != Mode.PASS_THROUGH && !link.closed && !closed) {
                try {
                    gate.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !link.closed && !closed;
        }
    }

    private void wakeWaiters() {
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warning("chaos proxy " + port() + ": accept failed: " + e);
                }
                continue;
            }
            accepted.incrementAndGet();
            Link link = new Link(client);
            links.add(link);
            Thread opener = new Thread(link::open, "chaos-proxy-link-" + accepted.get());
            opener.setDaemon(true);
            opener.start();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        resetAll();
        wakeWaiters();
    }

    /** One client connection and its upstream twin. */
    private final class Link {
        private final Socket client;
        private volatile Socket upstream;
        private volatile boolean closed;

        Link(Socket client) {
            this.client = client;
        }

        /** Waits out a blackhole, connects upstream, then pumps both directions. */
        void open() {
            if (!awaitPassThrough(this)) {
                close(true);
                return;
            }
            Socket up = new Socket();
            try {
                up.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                up.connect(target, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                closeQuietly(up);
                close(true); // the target refused: the client sees a reset, as without the proxy
                return;
            }
            upstream = up;
            if (closed) { // reset while connecting
                close(true);
                return;
            }
            Thread back =
                    new Thread(() -> pump(up, client), Thread.currentThread().getName() + "-back");
            back.setDaemon(true);
            back.start();
            pump(client, up);
        }

        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (awaitPassThrough(this)) {
                    int read = in.read(buffer);
                    if (read < 0) {
                        break;
                    }
                    // Bytes read just before a blackhole began are held here, not forwarded, until it heals.
                    if (!awaitPassThrough(this)) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
                close(false);
            } catch (IOException e) {
                close(true);
            }
        }

        /** Closes both sides; with {@code reset}, SO_LINGER 0 makes each close send a TCP reset. */
        synchronized void close(boolean reset) {
            if (closed && !reset) {
                return;
            }
            closed = true;
            links.remove(this);
            for (Socket socket : new Socket[] {client, upstream}) {
                if (socket == null || socket.isClosed()) {
                    continue;
                }
                if (reset) {
                    try {
                        socket.setSoLinger(true, 0);
                    } catch (IOException e) {
                        // the close below still happens
                    }
                }
                closeQuietly(socket);
            }
            wakeWaiters();
        }

        void reset() {
            close(true);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
