package org.lvs.ingest.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import org.lvs.commons.failure.Failures;
import org.lvs.commons.problem.Problem;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.event.EventJson;
import org.lvs.ingest.config.IngestConfig;
import org.lvs.ingest.domain.Cidr;
import org.lvs.ingest.domain.ClientAddress;
import org.lvs.ingest.service.SelfReferralRateLimiter;

/**
 * The self-referral limit, applied on the HTTP router before the request reaches JAX-RS, so before a byte of the body
 * is read or parsed: a flood of huge or unreadable bodies costs one database round trip each, and past the limit gets
 * 429 whatever it carries. The request is paused while the shared count is taken on a worker thread.
 */
@ApplicationScoped
public class SelfReferralLimitFilter {

    static final String PATH = "/api/v1/self-referrals";
    /** Below SecurityHeaders (which runs first, so a 429 carries its headers too), above every route. */
    static final int PRIORITY = 200;

    private static final Logger LOG = Logger.getLogger(SelfReferralLimitFilter.class);

    private final SelfReferralRateLimiter limiter;
    private final ClientAddress clients;
    private final IngestConfig config;

    SelfReferralLimitFilter(SelfReferralRateLimiter limiter, IngestConfig config) {
        this.limiter = limiter;
        this.config = config;
        // A wrong CIDR stops the start: a silently ignored proxy list would put the whole public in one bucket.
        this.clients = new ClientAddress(config.trustedProxies().orElse(List.of()).stream()
                .filter(s -> !s.isBlank())
                .map(Cidr::parse)
                .toList());
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, PRIORITY);
    }

    void limit(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.method() != HttpMethod.POST || !isSelfReferrals(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String client = clients.keyFor(
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.headers().getAll("Forwarded"),
                request.headers().getAll("X-Forwarded-For"));
        request.pause();
        rc.vertx()
                .<OptionalLong>executeBlocking(() -> limiter.acquire(client), false)
                .onComplete(counted -> {
                    request.resume();
                    if (counted.succeeded() && counted.result().isEmpty()) {
                        rc.next();
                    } else if (counted.succeeded()) {
                        answer(
                                rc,
                                ProblemException.tooManyRequests(
                                        "too many self-referrals from this address; try again later", (int) Math.min(
                                                Integer.MAX_VALUE,
                                                counted.result().getAsLong())));
                    } else {
                        LOG.warnf(
                                "self-referral limit unavailable, answering 503: %s", Failures.kinds(counted.cause()));
                        answer(
                                rc,
                                ProblemException.unavailable(
                                        "The database is unavailable; retry later", config.retryAfterSeconds()));
                    }
                });
    }

    static boolean isSelfReferrals(String path) {
        return PATH.equals(path) || (PATH + "/").equals(path);
    }

    private static void answer(RoutingContext rc, ProblemException problem) {
        Problem body = problem.toProblem();
        rc.response()
                .setStatusCode(body.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", String.valueOf(problem.retryAfterSeconds()))
                .end(EventJson.write(body));
    }
}
