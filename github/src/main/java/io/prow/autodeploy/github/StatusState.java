package io.prow.autodeploy.github;

import java.util.Locale;

/** The states of GitHub's commit status API, as we write them. */
public enum StatusState {
    SUCCESS, PENDING, FAILURE, ERROR;

    public String api() {
        return name().toLowerCase(Locale.ROOT);
    }
}
