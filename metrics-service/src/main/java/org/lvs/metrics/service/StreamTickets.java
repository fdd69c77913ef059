package org.lvs.metrics.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lvs.metrics.config.MetricsConfig;
import org.lvs.metrics.rest.dto.StreamTicket;

/**
 * Short-lived tickets for the live stream: EventSource cannot send an Authorization header, so the page trades its
 * bearer token (in an authenticated POST) for a random ticket it may put in the stream's URL. The token itself
 * never appears in a URL.
 */
@ApplicationScoped
public class StreamTickets {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    private final Clock clock;
    private final MetricsConfig config;

    StreamTickets(Clock clock, MetricsConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public StreamTicket issue() {
        Instant now = clock.instant();
        expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = now.plus(config.streamTicketTtl());
        expiries.put(ticket, expiresAt);
        return new StreamTicket(ticket, expiresAt);
    }

    public boolean valid(String ticket) {
        if (ticket == null) {
            return false;
        }
        Instant expiry = expiries.get(ticket);
        return expiry != null && expiry.isAfter(clock.instant());
    }
}
