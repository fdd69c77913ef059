package org.lvs.tools.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection to one server that sends POSTs with a fixed set of headers and reads each answer
 * whole (Content-Length or chunked). It exists so that the load generators cost little CPU: the bench and the demo's
 * replay run on the same 2-core machine as the stack they drive, and the JDK's {@code HttpClient} spent 39-49% of a
 * core sending 200 single referrals a second there (docs/benchmarks.md), CPU the stack then lacked. Not thread-safe:
 * one thread owns one connection. A broken or closed connection is opened again on the next request.
 */
public final class KeepAliveConnection implements AutoCloseable {

    /** What came back: the status code and the body's bytes. */
    public record Answer(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final String prefix;
    private final byte[] headers;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /**
     * @param base         {@code http://host:port}, optionally with a path that prefixes every request's
     * @param extraHeaders header lines without their line ends, e.g. {@code Authorization: Bearer ...}
     * @throws IllegalArgumentException for a base that is not plain {@code http://} (see {@link #requireHttp})
     */
    public KeepAliveConnection(String base, String... extraHeaders) {
        URI uri = requireHttp(base);
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        StringBuilder head = new StringBuilder()
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
        }
        this.headers = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The base as a URI when it is plain {@code http://host[:port][/path]}; anything else (TLS included) is refused, so
     * a tool can say so before its first request instead of failing on a worker thread.
     */
    public static URI requireHttp(String base) {
        URI uri = URI.create(base);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("only plain http://host[:port] URLs are supported here: " + base);
        }
        return uri;
    }

    /**
     * Sends one POST and reads its answer; on an I/O failure (no answer within {@code timeoutMillis} included) the
     * connection is dropped and the failure thrown.
     *
     * @param path the request target, e.g. {@code /api/v1/referrals}
     */
    public Answer post(String path, byte[] body, int timeoutMillis) throws IOException {
        try {
            connect();
            socket.setSoTimeout(timeoutMillis);
            out.write(("POST " + prefix + path).getBytes(StandardCharsets.ISO_8859_1));
            out.write(headers);
            out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return readAnswer();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens the connection now when it is not open, so that a caller timing its requests can leave the connection's
     * set-up out of the first one's time.
     */
    public void connect() throws IOException {
        if (socket == null) {
            open();
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = new BufferedOutputStream(s.getOutputStream(), 8192);
    }

    private Answer readAnswer() throws IOException {
        String statusLine = line();
        // HTTP/1.1 202 Accepted
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP answer");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = statusLine.startsWith("HTTP/1.0");
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        // RFC 9112, 6.3: a 1xx, 204 or 304 answer has no body whatever its headers say.
        boolean bodiless = status < 200 || status == 204 || status == 304;
        byte[] body =
                bodiless ? new byte[0] : chunked ? chunkedBody() : length >= 0 ? exactly((int) length) : untilClosed();
        if (closes || (!bodiless && !chunked && length < 0)) {
            close();
        }
        return new Answer(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            body.write(exactly(n));
            line(); // the CRLF after each chunk
        }
    }

    private byte[] exactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("the answer ended early");
        }
        return bytes;
    }

    private byte[] untilClosed() throws IOException {
        return in.readAllBytes();
    }

    /** One header line without its CRLF (ISO-8859-1, as HTTP headers are read). */
    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed mid-answer");
            }
            if (b != '\r') {
                s.append((char) b);
            }
        }
        return s.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
