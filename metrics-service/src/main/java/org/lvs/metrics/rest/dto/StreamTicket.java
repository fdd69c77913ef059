package org.lvs.metrics.rest.dto;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A short-lived ticket the live page's EventSource carries in the stream's URL instead of its token. */
@Schema(name = "Ticket")
public record StreamTicket(String ticket, Instant expiresAt) {}
