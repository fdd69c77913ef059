package org.lvs.metrics.rest;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.lvs.metrics.service.PagePolicy;

/**
 * Security headers on every response, static files included (issue 11): {@code Content-Security-Policy} (with
 * {@code frame-ancestors 'none'}), {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer},
 * so the dashboard and the report can be neither framed nor made to run foreign script, and no page URL leaks
 * through a Referer header.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before every other route, so static resources and errors get the headers too. */
    static final int ORDER = -10_000;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(SecurityHeaders::addOnResponse);
    }

    private static void addOnResponse(RoutingContext context) {
        boolean quarkusPage = context.normalizedPath().startsWith("/q/");
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set(
                    "Content-Security-Policy",
                    quarkusPage ? PagePolicy.FRAMING_ONLY : PagePolicy.CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
        });
        context.next();
    }
}
