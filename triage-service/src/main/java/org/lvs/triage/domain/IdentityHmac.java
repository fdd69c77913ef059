package org.lvs.triage.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, as lower-case hex. Every referral is hashed twice on the consumer's hot path, so each
 * thread keeps one initialised {@link Mac} (a {@code Mac} is not thread-safe; {@code doFinal} resets it for the next
 * value) instead of looking the algorithm up and setting the key per call.
 */
public final class IdentityHmac {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public IdentityHmac(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String hash(String value) {
        return HEX.formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute identity hash", e);
        }
    }
}
