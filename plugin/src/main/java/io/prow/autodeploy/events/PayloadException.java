package io.prow.autodeploy.events;

/** A payload that is not the JSON shape GitHub sends for its event type; answered 400, logged, never retried. */
public final class PayloadException extends Exception {
    public PayloadException(String message) {
        super(message);
    }
}
