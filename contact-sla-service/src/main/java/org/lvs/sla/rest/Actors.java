package org.lvs.sla.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.lvs.contract.Roles;
import org.lvs.sla.service.CaseRequests.Actor;

/** Who is calling, from the bearer token. */
@RequestScoped
public class Actors {

    @Inject
    SecurityIdentity identity;

    public Actor current() {
        String name = identity.getPrincipal() == null ? "unknown" : identity.getPrincipal().getName();
        return new Actor(name == null ? "unknown" : name, identity.hasRole(Roles.ADMIN));
    }
}
