package org.lvs.sla.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lvs.contract.Roles;
import org.lvs.sla.service.Actor;

/** Who is calling, from the bearer token: its subject, the id audit trails and events carry. */
@RequestScoped
public class Actors {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Actors(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Actor current() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            subject = identity.getPrincipal() == null
                    ? null
                    : identity.getPrincipal().getName();
        }
        return new Actor(subject == null || subject.isBlank() ? "unknown" : subject, identity.hasRole(Roles.ADMIN));
    }
}
