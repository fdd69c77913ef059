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
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signs RS256 bearer tokens with a local key pair, for tests and the local stack. Production verifies tokens from
 * any OpenID Connect provider instead: the services only need the public key (mp.jwt.verify.publickey.location).
 */
public final class LocalJwt {

    public static final String ISSUER = "https://lvs.local/issuer";
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
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                privatePem.toFile().setReadable(false, false);
                privatePem.toFile().setReadable(true, true);
            }
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(privatePem)
                    .replaceAll("-----[A-Z ]+-----", "").trim());
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new LocalJwt(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create or read the local JWT key pair in " + keyDir, e);
        }
    }

    public static Path publicKey(Path keyDir) {
        return keyDir.resolve(PUBLIC_KEY_FILE);
    }

    /** A signed token with the roles in {@code groups}. */
    public String sign(String subject, Collection<String> groups, Duration validFor) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\","
                + "\"groups\":[" + groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",")) + "],"
                + "\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(validFor).getEpochSecond() + ","
                + "\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
