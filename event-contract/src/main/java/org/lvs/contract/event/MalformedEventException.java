package org.lvs.contract.event;

/**
 * A record on a topic that is not a readable event: a consumer dead-letters it with this message as the reason. The
 * message goes into the dead letter's headers, so it names the kind of error and where (a field path, a position),
 * never a value of the record, which may be personal data.
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
