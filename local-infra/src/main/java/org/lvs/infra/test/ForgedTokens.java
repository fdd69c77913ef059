package org.lvs.infra.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lvs.infra.jwt.LocalJwt;
import org.lvs.infra.jwt.LocalJwt.Claims;

/**
 * Tokens every service must refuse with 401 (interfaces.md, Roles), each carrying the roles it would need: expired,
 * not yet valid, issued in the future, wrong issuer, no audience, wrong audience, signed by another key, unsigned
 * ({@code alg: none}), HS256 signed with the public key as the secret, and without {@code exp}.
 */
public final class ForgedTokens {

    private ForgedTokens() {}

    /** Name of the forgery → {@code "Bearer <jwt>"}. */
    public static Map<String, String> all(String... roles) {
        LocalJwt trusted = TestInfrastructure.get().jwt();
        Claims base = Claims.of("forged", List.of(roles)).sources(LocalJwt.ALL_SOURCES);
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(
                "expired",
                trusted.sign(base.times(now.minus(Duration.ofHours(2)), null, now.minus(Duration.ofHours(1)))));
        tokens.put(
                "not yet valid",
                trusted.sign(base.times(now, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)))));
        tokens.put(
                "issued in the future",
                trusted.sign(base.times(now.plus(Duration.ofHours(1)), null, now.plus(Duration.ofHours(2)))));
        tokens.put("wrong issuer", trusted.sign(base.issuer("https://evil.example/issuer")));
        tokens.put("no audience", trusted.sign(base.audience(null)));
        tokens.put("wrong audience", trusted.sign(base.audience(List.of("another-service"))));
        tokens.put("another key", LocalJwt.withUntrustedKey().sign(base));
        tokens.put("no exp", trusted.sign(base.times(now, null, null)));
        String claimsJson = claimsJson(trusted.sign(base));
        tokens.put("alg none", unsigned(claimsJson));
        tokens.put("HS256 with the public key", hs256(claimsJson, publicKeyPem()));
        Map<String, String> bearers = new LinkedHashMap<>();
        tokens.forEach((name, jwt) -> bearers.put(name, "Bearer " + jwt));
        return bearers;
    }

    private static String claimsJson(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String unsigned(String claimsJson) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claimsJson) + ".";
    }

    private static String hs256(String claimsJson, byte[] secret) {
        String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] publicKeyPem() {
        Path key = TestInfrastructure.get().publicKey();
        try {
            return Files.readAllBytes(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
