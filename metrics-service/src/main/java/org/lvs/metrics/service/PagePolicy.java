package org.lvs.metrics.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.lvs.metrics.report.QuarterlyReportService;

/**
 * The Content-Security-Policy of the service's pages (the dashboard and the HTML report): scripts, styles and
 * connections from the service itself only, and the report's inline style sheet by its hash, never inline script;
 * no framing by any site. One policy for both pages, because the report the dashboard opens from a {@code blob:}
 * URL runs under the dashboard's policy.
 */
public final class PagePolicy {

    /** For every page of the service. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' '"
            + sha256(QuarterlyReportService.STYLE) + "'; img-src 'self' data: blob:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** For Quarkus's own pages under {@code /q/} (Swagger UI runs inline scripts): no framing, at least. */
    public static final String FRAMING_ONLY = "frame-ancestors 'none'";

    private PagePolicy() {}

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
