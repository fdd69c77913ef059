package org.lvs.ingest.service;

/**
 * Another request stored the same Idempotency-Key first (two retries racing): the transaction that tried to store it
 * rolls back, and the request is answered with the first one's referral.
 */
public class IdempotencyKeyTaken extends RuntimeException {
    public IdempotencyKeyTaken() {
        super("the Idempotency-Key was stored by another request first", null, false, false);
    }
}
