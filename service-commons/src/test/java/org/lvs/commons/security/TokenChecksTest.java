package org.lvs.commons.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.ForgedTokens;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * The token checks every service inherits from the commons defaults (interfaces.md, Roles), and whose records a
 * referrer may touch.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class TokenChecksTest {

    @Inject
    VerifiedTokenCache verifiedTokens;

    @Test
    void aProperTokenIsVerifiedOnceAndRememberedWhileEveryRequestIsStillAuthorised() {
        String bearer = TestTokens.bearer(Roles.OPS);
        int before = verifiedTokens.size();
        given().header("Authorization", bearer).post("/probe/invalid").then().statusCode(400);
        assertEquals(before + 1, verifiedTokens.size(), "the verified token is remembered");
        given().header("Authorization", bearer).post("/probe/invalid").then().statusCode(400);
        assertEquals(before + 1, verifiedTokens.size());
        // a remembered token still carries only its own roles and sources
        String referrer = TestTokens.referrerFor("MASH");
        given().header("Authorization", referrer)
                .get("/probe/sources/MASH")
                .then()
                .statusCode(204);
        given().header("Authorization", referrer)
                .get("/probe/sources/ADT")
                .then()
                .statusCode(403);
    }

    @Test
    void everyForgedTokenIs401AndAProperOneGetsThrough() {
        Map<String, Integer> answers = new TreeMap<>();
        ForgedTokens.all(Roles.OPS)
                .forEach((name, bearer) -> answers.put(
                        name,
                        given().header("Authorization", bearer)
                                .post("/probe/invalid")
                                .then()
                                .contentType("application/problem+json")
                                .extract()
                                .statusCode()));
        assertEquals(
                Map.of(),
                answers.entrySet().stream()
                        .filter(e -> e.getValue() != 401)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "forged tokens not refused");
        given().header("Authorization", TestTokens.bearer(Roles.OPS))
                .post("/probe/invalid")
                .then()
                .statusCode(400);
    }

    @Test
    void aReferrerActsOnlyForTheSourcesItsTokenNames() {
        given().header("Authorization", TestTokens.referrerFor("MASH"))
                .get("/probe/sources/MASH")
                .then()
                .statusCode(204);
        given().header("Authorization", TestTokens.referrerFor("MASH"))
                .get("/probe/sources/ADT")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.referrerFor("MASH", "ADT"))
                .get("/probe/sources/ADT")
                .then()
                .statusCode(204);
        given().header("Authorization", TestTokens.referrerFor())
                .get("/probe/sources/ADT")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get("/probe/sources/SELF")
                .then()
                .statusCode(204);
        given().header("Authorization", TestTokens.bearer(Roles.CASE_HANDLER))
                .get("/probe/sources/ADT")
                .then()
                .statusCode(204);
    }
}
