package io.prow.autodeploy.alerts;

/** Alertmanager could not be asked, or answered something we cannot trust; the message says which. */
public final class AlertmanagerException extends Exception {
    public AlertmanagerException(String message) {
        super(message);
    }

    public AlertmanagerException(String message, Throwable cause) {
        super(message, cause);
    }
}
