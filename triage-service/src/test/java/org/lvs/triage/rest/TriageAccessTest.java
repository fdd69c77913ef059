package org.lvs.triage.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lvs.triage.support.Events.RECORDED;
import static org.lvs.triage.support.Events.awaitFor;
import static org.lvs.triage.support.Events.received;
import static org.lvs.triage.support.Events.referral;
import static org.lvs.triage.support.Events.send;
import static org.lvs.triage.support.Events.uniqueReference;
import static org.lvs.triage.support.Events.victim;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.lvs.contract.Roles;
import org.lvs.contract.Topics;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.ForgedTokens;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.infra.test.TopicProbe;

/**
 * Who may call what (interfaces.md, Roles; issue 11): a role matrix generated over every resource method by
 * reflection, every forged token refused, and a referrer limited to its token's sources.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class TriageAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** interfaces.md, "Endpoints every integration relies on", plus admin, who may do everything. */
    private static final Map<String, Set<String>> SPEC = Map.of(
            "GET /api/v1/triage/{referralId}", Set.of(Roles.REFERRER, Roles.CASE_HANDLER, Roles.ADMIN),
            "GET /api/v1/triage/feedback", Set.of(Roles.REFERRER, Roles.ADMIN));

    private static final List<String> ROLES = List.of(Roles.REFERRER, Roles.CASE_HANDLER, Roles.OPS, Roles.ADMIN);

    /** A valid value for each parameter name the resources use, so an allowed caller gets an answer (200/404). */
    private static final Map<String, String> SAMPLES = Map.of(
            "referralId", UUID.randomUUID().toString(),
            "source", "ADT",
            "since", "2017-08-01T00:00:00Z",
            "after", "0",
            "limit", "10",
            "pending", "false",
            "page", "0",
            "size", "10");

    /** One resource method: its HTTP method, its path template, and the parameters it reads. */
    private record Endpoint(
            String method, String template, Map<String, String> pathParams, Map<String, String> queryParams) {
        String key() {
            return method + " " + template;
        }

        int call(String authorization) {
            RequestSpecification request = given().redirects().follow(false);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.pathParams(pathParams).queryParams(queryParams);
            return request.request(method, template).then().extract().statusCode();
        }
    }

    /** Every resource method of the service, found by reflection over the rest package's resources. */
    private static List<Endpoint> endpoints() {
        List<Endpoint> found = new ArrayList<>();
        for (Class<?> resource : List.of(TriageResource.class)) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String http = httpMethod(m);
                if (http == null) {
                    continue;
                }
                Path path = m.getAnnotation(Path.class);
                String template = path == null ? base : base + path.value();
                Map<String, String> pathParams = new LinkedHashMap<>();
                Map<String, String> queryParams = new LinkedHashMap<>();
                for (Parameter p : m.getParameters()) {
                    if (p.isAnnotationPresent(PathParam.class)) {
                        String name = p.getAnnotation(PathParam.class).value();
                        pathParams.put(name, SAMPLES.get(name));
                    } else if (p.isAnnotationPresent(QueryParam.class)) {
                        addSource(p.getAnnotation(QueryParam.class).value(), queryParams);
                    } else if (p.isAnnotationPresent(BeanParam.class)) {
                        for (Field field : p.getType().getDeclaredFields()) {
                            if (field.isAnnotationPresent(QueryParam.class)) {
                                addSource(field.getAnnotation(QueryParam.class).value(), queryParams);
                            }
                        }
                    }
                }
                found.add(new Endpoint(http, template, pathParams, queryParams));
            }
        }
        return found;
    }

    private static void addSource(String name, Map<String, String> queryParams) {
        if (name.equals("source")) {
            queryParams.put(name, SAMPLES.get(name));
        }
    }

    private static String httpMethod(Method m) {
        for (Class<? extends Annotation> a : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
            if (m.isAnnotationPresent(a)) {
                return a.getSimpleName();
            }
        }
        return null;
    }

    @Test
    void everyResourceMethodIsInTheSpecsTable() {
        assertEquals(
                new TreeSet<>(SPEC.keySet()),
                new TreeSet<>(endpoints().stream().map(Endpoint::key).toList()),
                "a new endpoint needs its row in interfaces.md and here");
    }

    @Test
    void theRoleMatrixIsTheSpecs() {
        Map<String, String> wrong = new TreeMap<>();
        for (Endpoint endpoint : endpoints()) {
            Set<String> allowed = SPEC.get(endpoint.key());
            int anonymous = endpoint.call(null);
            if (anonymous != 401) {
                wrong.put(endpoint.key() + " without a token", "answered " + anonymous);
            }
            for (String role : ROLES) {
                int status = endpoint.call(TestTokens.bearer(role));
                boolean ok = allowed.contains(role) ? status != 401 && status != 403 && status < 500 : status == 403;
                if (!ok) {
                    wrong.put(endpoint.key() + " as " + role, "answered " + status);
                }
            }
        }
        assertEquals(Map.of(), wrong);
    }

    @Test
    void everyForgedTokenIs401OnEveryEndpoint() {
        Map<String, Integer> notRefused = new TreeMap<>();
        for (Endpoint endpoint : endpoints()) {
            String role = SPEC.get(endpoint.key()).iterator().next();
            ForgedTokens.all(role).forEach((forgery, bearer) -> {
                int status = endpoint.call(bearer);
                if (status != 401) {
                    notRefused.put(endpoint.key() + " with " + forgery, status);
                }
            });
            int proper = endpoint.call(TestTokens.bearer(role));
            assertTrue(proper != 401 && proper != 403, endpoint.key() + ": a proper token gets through, " + proper);
        }
        assertEquals(Map.of(), notRefused);
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            assertEquals(200, given().get(path).then().extract().statusCode(), path);
        }
    }

    @Test
    void aReferrerReadsOnlyDecisionsOfItsOwnSources() {
        ReferralReceived adt = received(
                UUID.randomUUID(),
                referral(
                        Source.ADT,
                        uniqueReference("ADT-OWN"),
                        1,
                        RECORDED,
                        CrimeCategory.THEFT,
                        victim(uniqueReference("P"), "07700900123"),
                        Consent.EXPLICIT),
                RECORDED);
        try (TopicProbe triaged = TopicProbe.open(Topics.REFERRALS_TRIAGED)) {
            send(adt);
            assertEquals(1, awaitFor(triaged, adt.referralId(), 1, WAIT).size());
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("referrer for ADT", 200);
        expected.put("referrer for MASH and ADT", 200);
        expected.put("referrer for MASH", 403);
        expected.put("referrer without sources", 403);
        expected.put("referrer for every source", 200);
        expected.put("case handler", 200);
        expected.put("admin", 200);
        Map<String, String> tokens = Map.of(
                "referrer for ADT", TestTokens.referrerFor("ADT"),
                "referrer for MASH and ADT", TestTokens.referrerFor("MASH", "ADT"),
                "referrer for MASH", TestTokens.referrerFor("MASH"),
                "referrer without sources", TestTokens.referrerFor(),
                "referrer for every source", TestTokens.bearer(Roles.REFERRER),
                "case handler", TestTokens.bearer(Roles.CASE_HANDLER),
                "admin", TestTokens.bearer(Roles.ADMIN));
        Map<String, Integer> answered = new LinkedHashMap<>();
        expected.keySet()
                .forEach(who -> answered.put(
                        who,
                        given().header("Authorization", tokens.get(who))
                                .get("/api/v1/triage/{id}", adt.referralId())
                                .then()
                                .extract()
                                .statusCode()));
        assertEquals(expected, answered);
        given().header("Authorization", TestTokens.referrerFor("MASH"))
                .get("/api/v1/triage/{id}", adt.referralId())
                .then()
                .contentType("application/problem+json");
    }

    @Test
    void aReferrerPollsFeedbackOnlyOfItsOwnSources() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("referrer for MASH asking for MASH", 200);
        expected.put("referrer for MASH asking for ADT", 403);
        expected.put("referrer without sources asking for MASH", 403);
        expected.put("referrer for every source asking for ADT", 200);
        expected.put("admin asking for ADT", 200);
        expected.put("case handler asking for ADT", 403);
        Map<String, Integer> answered = new LinkedHashMap<>();
        answered.put("referrer for MASH asking for MASH", feedback(TestTokens.referrerFor("MASH"), "MASH"));
        answered.put("referrer for MASH asking for ADT", feedback(TestTokens.referrerFor("MASH"), "ADT"));
        answered.put("referrer without sources asking for MASH", feedback(TestTokens.referrerFor(), "MASH"));
        answered.put("referrer for every source asking for ADT", feedback(TestTokens.bearer(Roles.REFERRER), "ADT"));
        answered.put("admin asking for ADT", feedback(TestTokens.bearer(Roles.ADMIN), "ADT"));
        answered.put("case handler asking for ADT", feedback(TestTokens.bearer(Roles.CASE_HANDLER), "ADT"));
        assertEquals(expected, answered);
    }

    private static int feedback(String authorization, String source) {
        return given().header("Authorization", authorization)
                .queryParam("source", source)
                .queryParam("since", "2017-01-01T00:00:00Z")
                .get("/api/v1/triage/feedback")
                .then()
                .extract()
                .statusCode();
    }
}
