package org.lvs.triage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The reused per-thread Mac gives exactly the hashes of a fresh one, so stored identities keep matching. */
class IdentityHmacTest {

    private static final byte[] KEY = "test-key".getBytes(StandardCharsets.UTF_8);

    private static String fresh(String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sameHashAsAFreshMacCallAfterCall() throws Exception {
        IdentityHmac hmac = new IdentityHmac(KEY);
        for (String value : List.of(
                "personRef\u0000P-1", "nameDob\u0000amina\u0000example\u00001990-05-02", "", "personRef\u0000P-1")) {
            assertEquals(fresh(value), hmac.hash(value));
        }
    }

    @Test
    void threadsDoNotShareAMac() throws Exception {
        IdentityHmac hmac = new IdentityHmac(KEY);
        List<String> values =
                IntStream.range(0, 2_000).mapToObj(i -> "personRef\u0000P-" + i).toList();
        List<String> parallel = values.parallelStream().map(hmac::hash).toList();
        for (int i = 0; i < values.size(); i++) {
            assertEquals(fresh(values.get(i)), parallel.get(i));
        }
    }
}
