package org.lvs.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.ForgedTokens;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * Issue 11, item 8: every resource method of ingest (found by reflection: each @GET/@POST/... of each @Path class)
 * against no token and each role, checked against interfaces.md's roles; and every forged token is a 401 where a
 * proper one gets through.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class RoleMatrixTest {

    static final String PUBLIC = "public";

    /** interfaces.md, "Endpoints every integration relies on" and "Roles" (admin may do everything). */
    static final Map<String, Set<String>> EXPECTED = Map.of(
            "POST /api/v1/referrals", Set.of(Roles.REFERRER, Roles.ADMIN),
            "POST /api/v1/referrals/batch", Set.of(Roles.REFERRER, Roles.ADMIN),
            "GET /api/v1/referrals/{referralId}", Set.of(Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN),
            "GET /api/v1/feeds/{source}/gaps", Set.of(Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN),
            "GET /api/v1/feeds/{source}/rejections", Set.of(Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN),
            "POST /api/v1/self-referrals", Set.of(PUBLIC),
            "GET /self-referral", Set.of(PUBLIC));

    static final List<String> CALLERS = List.of("none", Roles.REFERRER, Roles.CASE_HANDLER, Roles.OPS, Roles.ADMIN);

    record Endpoint(String httpMethod, String path, String consumes, String javaMethod) {
        String key() {
            return httpMethod + " " + path;
        }
    }

    @BeforeEach
    void freshLimits() {
        Referrals.clearSelfReferralLimits();
    }

    @Test
    void everyResourceMethodAnswersEachRoleAsInterfacesMdSays() throws Exception {
        List<Endpoint> endpoints = resourceMethods();
        Set<String> found = new TreeSet<>();
        endpoints.forEach(e -> found.add(e.key()));
        assertEquals(new TreeSet<>(EXPECTED.keySet()), found, "every resource method has its row, and no row is stale");

        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (Endpoint endpoint : endpoints) {
            Set<String> allowed = EXPECTED.get(endpoint.key());
            for (String caller : CALLERS) {
                int status = call(endpoint, caller, n++);
                boolean permitted = allowed.contains(PUBLIC) || allowed.contains(caller);
                int expectedRefusal = caller.equals("none") ? 401 : 403;
                boolean ok = permitted ? status != 401 && status != 403 : status == expectedRefusal;
                if (!ok) {
                    wrong.add(endpoint.key() + " (" + endpoint.javaMethod() + ") as " + caller + ": " + status
                            + (permitted ? ", expected to get through" : ", expected " + expectedRefusal));
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyForgedTokenIs401WhileAProperOneGetsThrough() {
        String path = "/api/v1/feeds/ADT/gaps";
        Map<String, Integer> answers = new LinkedHashMap<>();
        ForgedTokens.all(Roles.REFERRER)
                .forEach((name, bearer) -> answers.put(
                        name, given().header("Authorization", bearer).get(path).statusCode()));
        answers.forEach((name, status) -> assertEquals(401, status, "forged token '" + name + "'"));
        assertEquals(10, answers.size());
        given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .get(path)
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.referrerFor("ADT"))
                .get(path)
                .then()
                .statusCode(200);
    }

    static int call(Endpoint endpoint, String caller, int n) {
        RequestSpecification request = given().header("X-Forwarded-For", "198.18.0." + (n % 250 + 1));
        if (!caller.equals("none")) {
            request = request.header("Authorization", TestTokens.bearer(caller));
        }
        String consumes = endpoint.consumes();
        if (consumes != null) {
            request = request.contentType(consumes);
            // Bodies that are read but accepted by nobody: no referral is made by this test.
            request = request.body(
                    switch (consumes) {
                        case "application/json" -> "{\"age\":\"not a number\"}";
                        case "application/x-www-form-urlencoded" -> "age=not-a-number";
                        default -> "sourceReference\n";
                    });
        }
        String path = endpoint.path()
                .replace("{referralId}", "00000000-0000-0000-0000-000000000000")
                .replace("{source}", "ADT");
        return request.request(endpoint.httpMethod(), path).statusCode();
    }

    /** Every resource method of the module's REST package, by reading the JAX-RS annotations. */
    static List<Endpoint> resourceMethods() throws IOException, ClassNotFoundException {
        // The module's compiled classes (surefire runs in the module's directory).
        // java.nio.file.Path would clash with the JAX-RS @Path read below, hence var
        var dir = Paths.get("target", "classes")
                .resolve(ReferralResource.class.getPackageName().replace('.', '/'));
        List<Endpoint> endpoints = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (var file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(ReferralResource.class.getPackageName() + "."
                        + name.substring(0, name.length() - ".class".length()));
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String http = httpMethod(method);
                    if (http == null) {
                        continue;
                    }
                    Path methodPath = method.getAnnotation(Path.class);
                    Consumes consumes = method.getAnnotation(Consumes.class);
                    endpoints.add(new Endpoint(
                            http,
                            join(classPath.value(), methodPath == null ? "" : methodPath.value()),
                            consumes == null ? null : consumes.value()[0],
                            type.getSimpleName() + "." + method.getName()));
                }
            }
        }
        return endpoints;
    }

    static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    static String join(String a, String b) {
        String joined = ("/" + a + "/" + b).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
