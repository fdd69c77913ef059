package org.lvs.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.TreeSet;
import org.lvs.commons.problem.ProblemException;
import org.lvs.commons.security.SourceAccess;
import org.lvs.contract.referral.Source;

/**
 * Whose records the caller may touch (interfaces.md, Roles), asked on every referrer path of ingest before anything
 * is stored, published or revealed: a referrer acts for the sources its token names and for none without them; case
 * handlers and admin are not limited by source. Refusals are 403 problems that name a valid source at most, never a
 * value as sent.
 */
@ApplicationScoped
public class SourceOwnership {

    private final SourceAccess access;

    SourceOwnership(SourceAccess access) {
        this.access = access;
    }

    /** A referrer token without {@code sources} may do nothing: 403 before the body is even read. */
    public void requireSomeSource() {
        if (access.limitedBySource() && access.grantedSources().isEmpty()) {
            throw ProblemException.forbidden("this token names no sources, so it may act for none");
        }
    }

    /** 403 unless the caller may act for {@code source}. */
    public void require(Source source) {
        access.requireSource(source.name());
    }

    /** 403, naming the first refused source, unless the caller may act for every one of {@code sources}. */
    public void requireAll(Collection<Source> sources) {
        new TreeSet<>(sources).forEach(this::require);
    }
}
