package org.lvs.contract.event;

/** A record on a topic that is not a readable event: a consumer dead-letters it with this message as the reason. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
