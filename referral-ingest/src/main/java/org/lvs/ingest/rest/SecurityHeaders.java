package org.lvs.ingest.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvs.ingest.domain.Sha256;

/**
 * Security headers on every response of ingest: {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer} everywhere, and on every HTML page a {@code Content-Security-Policy} with
 * {@code frame-ancestors 'none'} and no inline script unless hashed.
 *
 * <ul>
 * <li>The self-referral pages need no script at all; their one inline style is allowed by its hash.</li>
 * <li>Swagger UI (under {@code /q/}, never for the public ingress) has inline scripts that Quarkus generates at build
 * time and serves from a place that depends on the launch mode. The first time one of its pages is asked for, this
 * filter reads the page as the application serves it (one request to itself, marked with a token only this process
 * knows) and allows exactly those scripts by their hashes. Anything else under {@code /q/} gets a policy that allows
 * no inline script.</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    static final int PRIORITY = 300;

    /** The self-referral pages: nothing may load, no script runs, the one inline style is hashed. */
    static final String PAGE_POLICY = "default-src 'none'; style-src '" + sha256(SelfReferralPage.STYLE)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String PROBE_HEADER = "X-LVS-CSP-Probe";
    private static final int MAX_PROBED_PAGES = 16;
    private static final Pattern INLINE_SCRIPT =
            Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private final String probeToken = UUID.randomUUID().toString();
    private final Map<String, Future<String>> probed = new ConcurrentHashMap<>();
    private volatile HttpClient client;

    void register(@Observes Filters filters) {
        filters.register(this::addHeaders, PRIORITY);
    }

    void addHeaders(RoutingContext rc) {
        String path = rc.normalizedPath();
        HttpServerRequest request = rc.request();
        if (isSelfReferralPage(path)) {
            proceed(rc, PAGE_POLICY);
        } else if (!isProbed(path)
                || probeToken.equals(request.getHeader(PROBE_HEADER))
                || (probed.size() >= MAX_PROBED_PAGES && !probed.containsKey(path))) {
            proceed(rc, servedPagePolicy(Set.of()));
        } else {
            Future<String> policy = probed.computeIfAbsent(path, p -> probe(rc, p));
            if (policy.isComplete()) {
                proceed(rc, policy.succeeded() ? policy.result() : servedPagePolicy(Set.of()));
            } else {
                request.pause();
                policy.onComplete(done -> {
                    request.resume();
                    proceed(rc, done.succeeded() ? done.result() : servedPagePolicy(Set.of()));
                });
            }
        }
    }

    private static void proceed(RoutingContext rc, String htmlPolicy) {
        rc.addHeadersEndHandler(v -> {
            MultiMap headers = rc.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            String type = headers.get("Content-Type");
            if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/html")) {
                headers.set("Content-Security-Policy", htmlPolicy);
            }
        });
        rc.next();
    }

    static boolean isSelfReferralPage(String path) {
        return path.equals("/self-referral") || SelfReferralLimitFilter.isSelfReferrals(path);
    }

    /** Swagger UI's HTML pages (its index and its OAuth2 redirect page). */
    static boolean isProbed(String path) {
        return path.startsWith("/q/swagger-ui/") && (path.endsWith("/") || path.endsWith(".html"));
    }

    /**
     * Reads the page as served and makes the policy that allows its own inline scripts. A page that cannot be read
     * keeps the policy without hashes (at most {@value #MAX_PROBED_PAGES} pages are ever probed).
     */
    private Future<String> probe(RoutingContext rc, String path) {
        SocketAddress local = rc.request().localAddress();
        if (rc.request().isSSL() || local == null) {
            return Future.succeededFuture(servedPagePolicy(Set.of()));
        }
        if (client == null) {
            client = rc.vertx().createHttpClient();
        }
        Future<String> policy = client.request(HttpMethod.GET, local.port(), local.host(), path)
                .compose(req -> req.putHeader(PROBE_HEADER, probeToken).send())
                .compose(resp ->
                        resp.statusCode() == 200 ? resp.body() : Future.failedFuture("status " + resp.statusCode()))
                .map(body -> servedPagePolicy(inlineScriptHashes(body.toString(StandardCharsets.UTF_8))));
        return policy;
    }

    static Set<String> inlineScriptHashes(String html) {
        Set<String> hashes = new LinkedHashSet<>();
        Matcher m = INLINE_SCRIPT.matcher(html);
        while (m.find()) {
            hashes.add("'" + sha256(m.group(1)) + "'");
        }
        return hashes;
    }

    /** Scripts from this origin and the given inline ones only; never framed. */
    static String servedPagePolicy(Set<String> scriptHashes) {
        return "default-src 'self'; script-src 'self'"
                + (scriptHashes.isEmpty() ? "" : " " + String.join(" ", scriptHashes))
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    static String sha256(String text) {
        return "sha256-" + Base64.getEncoder().encodeToString(Sha256.of(text));
    }
}
