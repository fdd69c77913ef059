package org.lvs.infra.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signs RS256 bearer tokens with a local key pair, for tests and the local stack. Production verifies tokens from
 * any OpenID Connect provider instead: the services only need the public key (mp.jwt.verify.publickey.location),
 * the issuer and the audience.
 */
public final class LocalJwt {

    public static final String ISSUER = "https://lvs.local/issuer";
    public static final String AUDIENCE = "lvs";
    /** The five sources a referrer may act for (interfaces.md, Roles); a local referrer token names all of them. */
    public static final List<String> ALL_SOURCES = List.of("ADT", "OFFICER_DIRECT", "MASH", "PARTNER", "SELF");

    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final PrivateKey privateKey;

    private LocalJwt(PrivateKey privateKey) {
        this.privateKey = privateKey;
    }

    /** Loads the key pair from {@code keyDir}, generating it first when absent (never committed: it lives in .lvs/). */
    public static LocalJwt inDirectory(Path keyDir) throws IOException {
        Path privatePem = keyDir.resolve(PRIVATE_KEY_FILE);
        Path publicPem = keyDir.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                Files.createDirectories(keyDir);
                KeyPair pair = newKeyPair();
                Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(
                        privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                privatePem.toFile().setReadable(false, false);
                privatePem.toFile().setReadable(true, true);
            }
            byte[] der = Base64.getMimeDecoder()
                    .decode(Files.readString(privatePem)
                            .replaceAll("-----[A-Z ]+-----", "")
                            .trim());
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new LocalJwt(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create or read the local JWT key pair in " + keyDir, e);
        }
    }

    /** A signer with a fresh key pair nobody trusts: for tests of tokens signed by another key. */
    public static LocalJwt withUntrustedKey() {
        try {
            return new LocalJwt(newKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a key pair", e);
        }
    }

    public static Path publicKey(Path keyDir) {
        return keyDir.resolve(PUBLIC_KEY_FILE);
    }

    /**
     * A signed token with the roles in {@code groups}, the local issuer and audience, valid from now for
     * {@code validFor}. A {@code referrer} token names every source; use {@link #sign(Claims)} to name fewer.
     */
    public String sign(String subject, Collection<String> groups, Duration validFor) {
        List<String> sources = groups.contains("referrer") ? ALL_SOURCES : null;
        return sign(Claims.of(subject, groups).sources(sources).validFor(validFor));
    }

    /** A signed token with exactly these claims. */
    public String sign(Claims claims) {
        return signRaw(claims.toJson());
    }

    /** Signs any claims JSON with RS256 (tests of malformed claims). */
    public String signRaw(String claimsJson) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * The claims of a local token. {@code null} leaves a claim out (an absent {@code aud}, {@code exp} or
     * {@code sources}), which tests of rejected tokens need.
     */
    public record Claims(
            String issuer,
            String subject,
            List<String> groups,
            List<String> sources,
            List<String> audience,
            Instant issuedAt,
            Instant notBefore,
            Instant expiresAt) {

        public static Claims of(String subject, Collection<String> groups) {
            Instant now = Instant.now();
            return new Claims(
                    ISSUER,
                    subject,
                    List.copyOf(groups),
                    null,
                    List.of(AUDIENCE),
                    now,
                    null,
                    now.plus(DEFAULT_VALIDITY));
        }

        public Claims sources(Collection<String> value) {
            return new Claims(
                    issuer,
                    subject,
                    groups,
                    value == null ? null : List.copyOf(value),
                    audience,
                    issuedAt,
                    notBefore,
                    expiresAt);
        }

        public Claims issuer(String value) {
            return new Claims(value, subject, groups, sources, audience, issuedAt, notBefore, expiresAt);
        }

        public Claims audience(List<String> value) {
            return new Claims(issuer, subject, groups, sources, value, issuedAt, notBefore, expiresAt);
        }

        public Claims validFor(Duration duration) {
            return new Claims(issuer, subject, groups, sources, audience, issuedAt, notBefore, issuedAt.plus(duration));
        }

        public Claims times(Instant iat, Instant nbf, Instant exp) {
            return new Claims(issuer, subject, groups, sources, audience, iat, nbf, exp);
        }

        String toJson() {
            Map<String, String> fields = new LinkedHashMap<>();
            put(fields, "iss", issuer == null ? null : quote(issuer));
            put(fields, "sub", quote(subject));
            put(fields, "upn", quote(subject));
            put(fields, "groups", array(groups));
            put(fields, "sources", sources == null ? null : array(sources));
            put(fields, "aud", audience == null ? null : array(audience));
            put(fields, "iat", issuedAt == null ? null : Long.toString(issuedAt.getEpochSecond()));
            put(fields, "nbf", notBefore == null ? null : Long.toString(notBefore.getEpochSecond()));
            put(fields, "exp", expiresAt == null ? null : Long.toString(expiresAt.getEpochSecond()));
            put(fields, "jti", quote(UUID.randomUUID().toString()));
            return fields.entrySet().stream()
                    .map(e -> quote(e.getKey()) + ":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }

        private static void put(Map<String, String> fields, String name, String json) {
            if (json != null) {
                fields.put(name, json);
            }
        }

        private static String array(Collection<String> values) {
            return values.stream().map(Claims::quote).collect(Collectors.joining(",", "[", "]"));
        }

        private static String quote(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
