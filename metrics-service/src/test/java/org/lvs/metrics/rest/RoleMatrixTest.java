package org.lvs.metrics.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.ForgedTokens;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * The role matrix of interfaces.md (issue 11), generated over every resource method of the service found by
 * reflection × {no token, referrer, case-handler, ops, admin}: no token is a 401, a role the table does not name a
 * 403, a role it names gets through. A resource method the table does not list fails the test, so a new endpoint
 * must be placed in it. Every forged token (expired, wrong audience, {@code alg: none}, …) is a 401 everywhere.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class RoleMatrixTest {

    /** A stream ticket, not a role, opens the event stream (EventSource cannot send a token). */
    static final String TICKET = "ticket";

    /**
     * interfaces.md, Roles: ops reads figures, the dashboard and reports; admin may do everything, and alone rebuilds
     * the figures (an admin action). Keyed by {@code METHOD path} with the resource's path templates.
     */
    static final Map<String, Set<String>> EXPECTED = Map.of(
            "GET /api/v1/metrics/summary", Set.of(Roles.OPS, Roles.ADMIN),
            "GET /api/v1/metrics/live", Set.of(Roles.OPS, Roles.ADMIN),
            "POST /api/v1/metrics/stream-tickets", Set.of(Roles.OPS, Roles.ADMIN),
            "GET /api/v1/metrics/stream", Set.of(TICKET),
            "POST /api/v1/metrics/rebuild", Set.of(Roles.ADMIN),
            "GET /api/v1/metrics/rebuild", Set.of(Roles.ADMIN),
            "GET /api/v1/reports/quarterly/{period}", Set.of(Roles.OPS, Roles.ADMIN));

    static final List<String> ROLES = List.of(Roles.REFERRER, Roles.CASE_HANDLER, Roles.OPS, Roles.ADMIN);

    record Endpoint(String method, String template, Set<String> annotatedRoles, boolean permitAll) {
        String key() {
            return method + " " + template;
        }

        String path() {
            return template.replace("{period}", "2017-18-Q2");
        }
    }

    @Test
    void everyResourceMethodAnswersEachRoleAsInterfacesMdSays() throws Exception {
        List<Endpoint> endpoints = resourceMethods();
        Set<String> found = new TreeSet<>();
        endpoints.forEach(e -> found.add(e.key()));
        assertEquals(
                new TreeSet<>(EXPECTED.keySet()),
                found,
                "every resource method is in the matrix, and the matrix names no method that is gone");

        for (Endpoint e : endpoints) {
            Set<String> allowed = EXPECTED.get(e.key());
            if (allowed.contains(TICKET)) {
                assertTrue(e.permitAll(), e.key() + " checks its ticket itself");
            } else {
                assertEquals(allowed, e.annotatedRoles(), e.key() + ": @RolesAllowed against interfaces.md");
            }
            assertEquals(401, call(e, null), e.key() + " without a token");
            for (String role : ROLES) {
                int status = call(e, TestTokens.bearer(role));
                if (allowed.contains(role)) {
                    assertTrue(status < 400 || status == 409, e.key() + " as " + role + ": " + status);
                } else {
                    assertEquals(allowed.contains(TICKET) ? 401 : 403, status, e.key() + " as " + role);
                }
            }
            awaitNoRebuildRunning();
        }
    }

    @Test
    void forgedTokensAreRefusedEverywhere() throws Exception {
        Map<String, String> forged = ForgedTokens.all(Roles.ADMIN, Roles.OPS);
        assertTrue(forged.size() >= 10, forged.keySet().toString());
        for (Endpoint e : resourceMethods()) {
            forged.forEach((name, bearer) -> assertEquals(401, call(e, bearer), e.key() + " with a token " + name));
        }
        // the proper token still gets through
        assertEquals(
                200,
                call(
                        new Endpoint("GET", "/api/v1/metrics/summary", Set.of(), false),
                        TestTokens.bearer(Roles.OPS, Roles.ADMIN)));
    }

    @Test
    void theDashboardsStaticFilesNeedNoToken() {
        for (String file : List.of("/", "/index.html", "/dashboard.js", "/dashboard.css")) {
            given().get(file).then().statusCode(200);
        }
    }

    private static int call(Endpoint e, String bearer) {
        RequestSpecification request = given().redirects().follow(false);
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return switch (e.method()) {
            case "GET" -> request.get(e.path()).statusCode();
            case "POST" -> request.post(e.path()).statusCode();
            case "PUT" -> request.put(e.path()).statusCode();
            case "DELETE" -> request.delete(e.path()).statusCode();
            case "PATCH" -> request.patch(e.path()).statusCode();
            default -> throw new IllegalStateException(e.method());
        };
    }

    /** A rebuild the matrix started must end before the next request or test (a second start is a 409). */
    private static void awaitNoRebuildRunning() {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> !"RUNNING"
                        .equals(given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                                .get("/api/v1/metrics/rebuild")
                                .then()
                                .extract()
                                .path("state")));
    }

    /**
     * Every JAX-RS resource method of the service, found by reflection over the compiled classes of its {@code rest}
     * package (the module's {@code target/classes}), with its HTTP method and path.
     */
    static List<Endpoint> resourceMethods() throws Exception {
        String pkg = RoleMatrixTest.class.getPackageName();
        var classes = Paths.get("target", "classes", pkg.replace('.', '/'));
        List<String> names = new ArrayList<>();
        try (var files = Files.list(classes)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .forEach(n -> names.add(pkg + "." + n.substring(0, n.length() - ".class".length())));
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            Path base = type.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String http = httpMethod(m);
                if (http == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String template = (base.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                RolesAllowed roles = m.getAnnotation(RolesAllowed.class) != null
                        ? m.getAnnotation(RolesAllowed.class)
                        : type.getAnnotation(RolesAllowed.class);
                endpoints.add(new Endpoint(
                        http,
                        template,
                        roles == null ? Set.of() : Set.copyOf(Arrays.asList(roles.value())),
                        m.isAnnotationPresent(PermitAll.class)));
            }
        }
        assertFalse(endpoints.isEmpty(), "no resource class found in " + classes);
        return endpoints;
    }

    private static String httpMethod(Method m) {
        Map<Class<? extends Annotation>, String> verbs = new LinkedHashMap<>();
        verbs.put(GET.class, "GET");
        verbs.put(POST.class, "POST");
        verbs.put(PUT.class, "PUT");
        verbs.put(DELETE.class, "DELETE");
        verbs.put(PATCH.class, "PATCH");
        for (Map.Entry<Class<? extends Annotation>, String> verb : verbs.entrySet()) {
            if (m.isAnnotationPresent(verb.getKey())) {
                return verb.getValue();
            }
        }
        return null;
    }
}
