package org.lvs.commons.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token issued in the future (interfaces.md: {@code iat} honoured). SmallRye JWT checks the signature,
 * {@code exp}, {@code nbf}, the issuer and the audience, and that {@code iat} is not after {@code exp}, but accepts an
 * {@code iat} ahead of the clock; such a token was minted by a wrong clock or for a later replay.
 */
@ApplicationScoped
public class IssuedAtCheck implements SecurityIdentityAugmentor {

    private final long allowedSkewSeconds;

    IssuedAtCheck(@ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long allowedSkewSeconds) {
        this.allowedSkewSeconds = allowedSkewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token
                && token.getIssuedAtTime() > 0
                && token.getIssuedAtTime() > System.currentTimeMillis() / 1000 + allowedSkewSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token issued in the future"));
        }
        return Uni.createFrom().item(identity);
    }
}
