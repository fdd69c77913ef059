package org.lvs.commons.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.lvs.commons.problem.ProblemException;
import org.lvs.contract.Roles;

/**
 * Whose records the caller may touch (interfaces.md, Roles): a {@code referrer} acts only for the sources named in
 * its token's {@code sources} claim, and for none without it; case handlers, ops and admin are not limited by
 * source. Every referrer path asks here before it stores or reveals anything; a refusal is a 403 problem.
 */
@RequestScoped
public class SourceAccess {

    public static final String CLAIM = "sources";

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    /**
     * Read once a request: SmallRye JWT looks a custom claim up by first trying it as a standard claim name, which
     * throws and catches an exception (with its stack trace) on every read.
     */
    private Set<String> granted;

    SourceAccess(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** True when the caller may act for records of {@code source} (a source's name, e.g. {@code "ADT"}). */
    public boolean mayActFor(String source) {
        if (!limitedBySource()) {
            return true;
        }
        return source != null && grantedSources().contains(source);
    }

    /** Answers 403, naming the source, unless the caller may act for it. */
    public void requireSource(String source) {
        if (!mayActFor(source)) {
            throw ProblemException.forbidden(
                    source == null
                            ? "this token may not act for records without a valid source"
                            : "this token may not act for source " + source);
        }
    }

    /** Answers 403 unless the caller may act for every one of these sources. */
    public void requireSources(Collection<String> sources) {
        sources.forEach(this::requireSource);
    }

    /**
     * True for a caller whose reach is limited to its sources: a referrer that is none of case handler, ops or
     * admin.
     */
    public boolean limitedBySource() {
        return identity.hasRole(Roles.REFERRER)
                && !identity.hasRole(Roles.CASE_HANDLER)
                && !identity.hasRole(Roles.OPS)
                && !identity.hasRole(Roles.ADMIN);
    }

    /** The sources the token names (empty without the claim). */
    public Set<String> grantedSources() {
        if (granted == null) {
            granted = Collections.unmodifiableSet(readSources());
        }
        return granted;
    }

    private Set<String> readSources() {
        Set<String> sources = new TreeSet<>();
        if (token == null || token.getRawToken() == null) {
            return sources;
        }
        Object claim = token.getClaim(CLAIM);
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> sources.add(unquote(String.valueOf(v))));
        } else if (claim instanceof jakarta.json.JsonArray array) {
            array.forEach(v -> sources.add(unquote(v.toString())));
        } else if (claim != null) {
            for (String part : unquote(claim.toString()).split(",")) {
                if (!part.isBlank()) {
                    sources.add(part.trim());
                }
            }
        }
        return sources;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
