package io.prow.autodeploy.rollout;

/** No trustworthy answer from Prometheus (down, slow, an error, garbage): the rollout state is {@code unknown}. */
public final class PrometheusException extends Exception {
    public PrometheusException(String message) {
        super(message);
    }

    public PrometheusException(String message, Throwable cause) {
        super(message, cause);
    }
}
