package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvs.infra.test.LvsTestResources;

/**
 * Issue 11, item 6: every HTML page of ingest sends a Content-Security-Policy (frame-ancestors 'none', no inline
 * script unless hashed), X-Content-Type-Options: nosniff and Referrer-Policy: no-referrer.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class SecurityHeadersTest {

    @BeforeEach
    void freshLimits() {
        Referrals.clearSelfReferralLimits();
    }

    @Test
    void theFormTheErrorPageAndTheConfirmationSendTheHeaders() throws Exception {
        assertStrictPage(given().get("/self-referral"));
        assertStrictPage(
                given().contentType(ContentType.URLENC).formParam("age", "200").post("/api/v1/self-referrals"));
        assertStrictPage(given().contentType(ContentType.URLENC)
                .formParam("firstName", "Zoë")
                .formParam("area", "EAST")
                .post("/api/v1/self-referrals"));
    }

    @Test
    void swaggerUiGetsThePolicyWithItsInlineScriptsHashed() {
        Response page = given().get("/q/swagger-ui/");
        page.then()
                .statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("frame-ancestors 'none'"), String.valueOf(csp));
        String scripts = directive(csp, "script-src");
        assertFalse(scripts.contains("'unsafe-inline'"), csp);
        Matcher inline = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>(.*?)</script>", Pattern.DOTALL)
                .matcher(page.asString());
        while (inline.find()) {
            assertTrue(scripts.contains(sha256(inline.group(1))), "inline script allowed by its hash: " + csp);
        }
    }

    @Test
    void jsonAnswersAreNotSniffedEither() {
        given().get("/q/openapi")
                .then()
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    static void assertStrictPage(Response response) throws Exception {
        response.then().header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
        String csp = response.header("Content-Security-Policy");
        String html = response.asString();
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        assertTrue(csp != null && csp.contains("frame-ancestors 'none'"), String.valueOf(csp));
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(html.contains("<script"), "no script at all");
        assertFalse(html.contains(" style=\""), "no style attributes (they would need unsafe-inline)");
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertTrue(style.find());
        assertTrue(directive(csp, "style-src").contains(sha256(style.group(1))), "the inline style is hashed");
    }

    static String directive(String csp, String name) {
        for (String d : csp.split(";")) {
            if (d.trim().startsWith(name + " ")) {
                return d.trim();
            }
        }
        return "";
    }

    static String sha256(String text) {
        try {
            return "'sha256-"
                    + Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    + "'";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
