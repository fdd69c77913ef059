package org.lvs.triage.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lvs.commons.failure.Failures;
import org.lvs.contract.Roles;
import org.lvs.contract.event.ReferralReceived;
import org.lvs.contract.referral.Consent;
import org.lvs.contract.referral.CrimeCategory;
import org.lvs.contract.referral.Source;
import org.lvs.infra.test.LvsTestResources;
import org.lvs.infra.test.TestTokens;
import org.lvs.triage.support.Db;
import org.lvs.triage.support.Events;

/**
 * The feedback cursor (issue 12): positions in commit order, so a client polling with the last position it saw never
 * misses a decision and never sees one twice, also with decisions committed concurrently.
 */
@QuarkusTest
@QuarkusTestResource(LvsTestResources.class)
class FeedbackCursorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant RECORDED = Instant.parse("2017-09-12T09:00:00Z");

    @Inject
    TriageService triage;

    /** A referral without consent: declined, and so feedback for the police. */
    private static ReferralReceived declined(Source source) {
        UUID id = UUID.randomUUID();
        return Events.received(
                id,
                Events.referral(
                        source,
                        Events.uniqueReference("FB"),
                        1,
                        RECORDED,
                        CrimeCategory.THEFT,
                        Events.victim(Events.uniqueReference("P"), "07700900123"),
                        Consent.NOT_RECORDED),
                RECORDED.plusSeconds(30));
    }

    private static List<ReferralReceived> declined(Source source, int n) {
        List<ReferralReceived> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(declined(source));
        }
        return batch;
    }

    private static Set<String> ids(List<ReferralReceived> batch) {
        Set<String> ids = new HashSet<>();
        batch.forEach(r -> ids.add(r.referralId().toString()));
        return ids;
    }

    /** A police client: polls from its last position, remembering every item it saw, in order. */
    private static final class Client {
        private final Source source;
        private final int limit;
        private long after;
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<Long> positions = Collections.synchronizedList(new ArrayList<>());

        Client(Source source, int limit) {
            this.source = source;
            this.limit = limit;
        }

        /** One poll; true when the answer said more follow. */
        boolean poll() {
            JsonPath page = given().header("Authorization", TestTokens.referrerFor(source.name()))
                    .queryParam("source", source.name())
                    .queryParam("after", after)
                    .queryParam("limit", limit)
                    .get("/api/v1/triage/feedback")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("items.referralId", String.class));
            positions.addAll(page.getList("items.position", Long.class));
            long next = page.getLong("nextAfter");
            assertTrue(next >= after, "nextAfter never goes back");
            after = next;
            return page.getBoolean("hasMore");
        }

        void pollUntilSeen(Set<String> expected) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                while (poll()) {
                    // drain what is there
                }
                return seen.containsAll(expected);
            });
        }

        void assertExactlyOnceInOrder(Set<String> expected) {
            List<String> mine = seen.stream().filter(expected::contains).toList();
            assertEquals(expected.size(), mine.size(), "every decision seen, none twice");
            assertEquals(expected, new HashSet<>(mine));
            for (int i = 1; i < positions.size(); i++) {
                assertTrue(positions.get(i) > positions.get(i - 1), "positions increase: " + positions);
            }
        }
    }

    @Test
    void aClientPagesThroughTheCursorAndSinceStillWorks() {
        List<ReferralReceived> batch = declined(Source.OFFICER_DIRECT, 5);
        triage.decideAll(batch);
        Client client = new Client(Source.OFFICER_DIRECT, 2);
        client.pollUntilSeen(ids(batch));
        client.assertExactlyOnceInOrder(ids(batch));
        assertFalse(client.poll(), "nothing more");

        // since alone: the paged reading by receivedAt, with positions too
        JsonPath page = given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .queryParam("source", "OFFICER_DIRECT")
                .queryParam("since", RECORDED.plusSeconds(30).toString())
                .queryParam("size", 1000)
                .get("/api/v1/triage/feedback")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(page.getList("items.referralId", String.class).containsAll(ids(batch)));
        assertEquals(0, page.getInt("page"));
        assertTrue(page.getLong("total") >= 5);

        // since with after: the cursor, filtered; a later since leaves ours out
        JsonPath filtered = given().header("Authorization", TestTokens.bearer(Roles.REFERRER))
                .queryParam("source", "OFFICER_DIRECT")
                .queryParam("after", 0)
                .queryParam("since", RECORDED.plusSeconds(31).toString())
                .get("/api/v1/triage/feedback")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertTrue(filtered.getList("items.referralId", String.class).stream().noneMatch(ids(batch)::contains));
    }

    @Test
    void aDecisionNumberedLaterCannotBecomeVisibleBeforeAnEarlierOne() throws Exception {
        // A numbers its feedback and stays open; B decides meanwhile. If B's positions could commit while A's are
        // still invisible, a client polling in between would move past A's positions and never see them.
        List<ReferralReceived> first = declined(Source.SELF, 3);
        List<ReferralReceived> second = declined(Source.SELF, 3);
        CountDownLatch firstNumbered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean secondDone = new AtomicBoolean();
        AtomicInteger secondWaits = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                triage.decideAll(first);
                firstNumbered.countDown();
                try {
                    releaseFirst.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(firstNumbered.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            Future<?> b = pool.submit(() -> {
                decideWaitingOutTransientFailures(second, secondWaits);
                secondDone.set(true);
            });
            // B has either committed already or is waiting for A (on the lock that orders positions)
            await().atMost(WAIT).until(() -> secondDone.get() || secondWaits.get() > 0 || advisoryLockAwaited());

            Client client = new Client(Source.SELF, 100);
            client.poll();
            releaseFirst.countDown();
            a.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            b.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            Set<String> all = new HashSet<>(ids(first));
            all.addAll(ids(second));
            client.pollUntilSeen(all);
            client.assertExactlyOnceInOrder(all);
            List<String> order = client.seen.stream().filter(all::contains).toList();
            assertTrue(ids(first).containsAll(order.subList(0, 3)), "the first to commit has the lower positions");
        } finally {
            releaseFirst.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aClientPollingWhileSeveralTransactionsCommitMissesNothingAndRepeatsNothing() throws Exception {
        int writers = 4;
        int batches = 5;
        Set<String> all = Collections.synchronizedSet(new HashSet<>());
        Client client = new Client(Source.MASH, 7);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> poller = pool.submit(() -> {
                while (writing.get()) {
                    client.poll();
                }
            });
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < batches; i++) {
                        List<ReferralReceived> batch = declined(Source.MASH, 3);
                        decideWaitingOutTransientFailures(batch, new AtomicInteger());
                        all.addAll(ids(batch));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            }
            writing.set(false);
            poller.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            client.pollUntilSeen(all);
            assertEquals(writers * batches * 3, all.size());
            client.assertExactlyOnceInOrder(all);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    /** As the batch consumer does: a transient failure (a lock wait that timed out) is retried. */
    private void decideWaitingOutTransientFailures(List<ReferralReceived> batch, AtomicInteger waits) {
        while (true) {
            try {
                triage.decideAll(batch);
                return;
            } catch (RuntimeException e) {
                if (!Failures.classify(e).transientFailure()) {
                    throw e;
                }
                waits.incrementAndGet();
            }
        }
    }

    private static boolean advisoryLockAwaited() {
        return Db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0;
    }
}
