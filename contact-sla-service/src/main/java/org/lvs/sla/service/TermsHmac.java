package org.lvs.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lvs.sla.config.SlaConfig;

/**
 * The keyed HMAC-SHA256 the search audit keeps instead of a search's terms: an investigator who holds the key can
 * check whether a given search was made, while the audit alone reveals nothing (an unkeyed hash of a name or phone
 * number is reversed with a dictionary).
 */
@ApplicationScoped
public class TermsHmac {

    private final SecretKeySpec key;

    TermsHmac(SlaConfig config) {
        this.key = new SecretKeySpec(config.searchAuditKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The HMAC of the normalised terms, in a canonical order ({@code name=value} joined by newlines). */
    public String of(Map<String, String> normalisedTerms) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(normalisedTerms)
                .forEach((name, value) ->
                        canonical.append(name).append('=').append(value).append('\n'));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
