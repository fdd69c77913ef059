package org.lvs.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.lvs.contract.event.EventJson;

/** Plain HTTP calls to the running services, as an outside client makes them. */
public final class Api {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Duration timeout;

    public Api(Duration timeout) {
        this.timeout = timeout;
    }

    public Api() {
        this(Duration.ofSeconds(30));
    }

    /** GET with a bearer token (null: none). */
    public HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        return send(request(url, bearer).GET().build());
    }

    /** A body of any content type with a bearer token (null: none). */
    public HttpResponse<String> post(String url, String bearer, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return send(request(url, bearer)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    public HttpResponse<String> postJson(String url, String bearer, String json)
            throws IOException, InterruptedException {
        return send(request(url, bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public HttpResponse<String> delete(String url, String bearer) throws IOException, InterruptedException {
        return send(request(url, bearer).DELETE().build());
    }

    private HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (bearer != null) {
            builder.header("Authorization", bearer);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}
