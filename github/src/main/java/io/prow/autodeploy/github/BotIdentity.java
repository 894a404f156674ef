package io.prow.autodeploy.github;

/**
 * Who the plugin is on GitHub, so it can tell its own comments and pushes from people's. One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface BotIdentity {
    /** The login the plugin acts as, so it can ignore its own comments. */
    String botLogin();
}
