package org.lvs.commons.messaging;

/** The broker did not acknowledge every event in time: nothing may be answered as received. */
public class PublishFailedException extends RuntimeException {
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
