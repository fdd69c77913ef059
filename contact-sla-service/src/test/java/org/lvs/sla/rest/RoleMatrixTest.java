package org.lvs.sla.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.infra.test.ForgedTokens;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;

/**
 * Every resource method of the service, found by reflection over the rest package, called with no token and with a
 * token of each role, against the roles interfaces.md and sla-policy.md give it: 401 without a token, 403 for a role
 * that may not, and anything but 401/403 for a role that may (admin may do everything). A new endpoint without a row
 * in {@link #ALLOWED} fails the test. Forged, expired and otherwise invalid tokens get 401 everywhere.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class RoleMatrixTest {

    private static final Set<String> HANDLERS = Set.of(Roles.CASE_HANDLER, Roles.ADMIN);
    private static final Set<String> ADMIN = Set.of(Roles.ADMIN);
    private static final List<String> ROLES = List.of(Roles.REFERRER, Roles.CASE_HANDLER, Roles.OPS, Roles.ADMIN);

    /** Who may call what: interfaces.md (endpoints, roles) and sla-policy.md (case actions, queries). */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/v1/cases", HANDLERS),
            Map.entry("GET /api/v1/cases/{referralId}", HANDLERS),
            Map.entry("GET /api/v1/cases/{referralId}/audit", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/contacts", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/screening", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/consent", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/assignment", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/pathway", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/services", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/services/{service}/start", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/outcomes", HANDLERS),
            Map.entry("POST /api/v1/cases/{referralId}/closure", HANDLERS),
            Map.entry("DELETE /api/v1/cases/{referralId}/personal-data", ADMIN),
            Map.entry("GET /api/v1/sla/breaches", HANDLERS),
            Map.entry("GET /api/v1/sla/at-risk", HANDLERS),
            Map.entry("GET /api/v1/workers", HANDLERS),
            Map.entry("GET /api/v1/waiting-lists", HANDLERS),
            Map.entry("GET /api/v1/audit", ADMIN)));

    @Test
    void everyResourceMethodHasARowAndEveryRowIsAResourceMethod() throws Exception {
        assertEquals(ALLOWED.keySet(), new TreeSet<>(endpoints()));
    }

    @Test
    void everyEndpointTimesNoTokenAndEachRole() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String endpoint : endpoints()) {
            Set<String> allowed = ALLOWED.getOrDefault(endpoint, Set.of());
            int anonymous = call(endpoint, null).statusCode();
            if (anonymous != 401) {
                wrong.add(endpoint + " without a token: " + anonymous);
            }
            for (String role : ROLES) {
                int status = call(endpoint, TestTokens.bearer(role)).statusCode();
                boolean may = allowed.contains(role);
                if (may ? status == 401 || status == 403 : status != 403) {
                    wrong.add(endpoint + " as " + role + ": " + status + (may ? " (may)" : " (may not)"));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void forgedExpiredAndMisdirectedTokensAre401Everywhere() throws Exception {
        Map<String, String> forged = ForgedTokens.all(Roles.CASE_HANDLER, Roles.ADMIN);
        assertTrue(forged.size() >= 10, "every forgery of ForgedTokens");
        List<String> accepted = new ArrayList<>();
        for (String endpoint : endpoints()) {
            for (Map.Entry<String, String> token : forged.entrySet()) {
                int status = call(endpoint, token.getValue()).statusCode();
                if (status != 401) {
                    accepted.add(endpoint + " with a token " + token.getKey() + ": " + status);
                }
            }
        }
        assertEquals(List.of(), accepted);
        // and a proper token gets through
        assertEquals(
                200,
                call("GET /api/v1/workers", TestTokens.bearer(Roles.CASE_HANDLER))
                        .statusCode());
    }

    private static Response call(String endpoint, String token) {
        String[] parts = endpoint.split(" ", 2);
        String path =
                parts[1].replace("{referralId}", UUID.randomUUID().toString()).replace("{service}", "COUNSELLING");
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (token != null) {
            request.header("Authorization", token);
        }
        return switch (parts[0]) {
            case "GET" -> request.get(path);
            case "POST" -> request.body("{}").post(path);
            case "PUT" -> request.body("{}").put(path);
            case "DELETE" -> request.delete(path);
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /** "METHOD /path" of every resource method in the rest package, found by reflection. */
    private static List<String> endpoints() throws Exception {
        List<String> endpoints = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = m.isAnnotationPresent(GET.class)
                        ? "GET"
                        : m.isAnnotationPresent(POST.class)
                                ? "POST"
                                : m.isAnnotationPresent(DELETE.class)
                                        ? "DELETE"
                                        : m.isAnnotationPresent(PUT.class) ? "PUT" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                endpoints.add(verb + " " + join(base, sub == null ? "" : sub.value()));
            }
        }
        return endpoints;
    }

    private static String join(String base, String sub) {
        String path = (base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The classes of org.lvs.sla.rest annotated with {@code @Path}. */
    private static List<Class<?>> resourceClasses() throws Exception {
        String pkg = "org.lvs.sla.rest";
        Map<String, Class<?>> found = new LinkedHashMap<>();
        ClassLoader loader = RoleMatrixTest.class.getClassLoader();
        Enumeration<URL> dirs = loader.getResources(pkg.replace('.', '/'));
        while (dirs.hasMoreElements()) {
            File dir = directory(dirs.nextElement());
            File[] files =
                    dir == null ? null : dir.listFiles((d, name) -> name.endsWith(".class") && !name.contains("$"));
            if (files == null) {
                continue;
            }
            for (File file : files) {
                String name = pkg + "." + file.getName().replace(".class", "");
                Class<?> type = Class.forName(name, false, loader);
                if (type.isAnnotationPresent(Path.class)) {
                    found.put(name, type);
                }
            }
        }
        assertTrue(found.size() >= 4, "resource classes found: " + found.keySet());
        return new ArrayList<>(found.values());
    }

    private static File directory(URL url) throws URISyntaxException {
        return "file".equals(url.getProtocol()) ? new File(url.toURI()) : null;
    }
}
