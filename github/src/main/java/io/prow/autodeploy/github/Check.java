package io.prow.autodeploy.github;

/** One commit status or check run on a SHA, folded to the three states a gate cares about. */
public record Check(String context, State state, String description, String url) {
    public enum State { SUCCESS, PENDING, FAILURE }
}
