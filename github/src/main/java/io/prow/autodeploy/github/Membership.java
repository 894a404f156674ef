package io.prow.autodeploy.github;

/**
 * Who someone is in the org and the repository (the authorizer's questions). One of the role interfaces {@link GitHub} is made of: a class takes only the roles it uses
 * (Prow's plugins declare the client methods they call the same way). Every method may throw
 * {@link GitHubException}.
 */
public interface Membership {
    boolean isOrgMember(String org, String login);

    boolean isTeamMember(String org, String teamSlug, String login);

    Permission permission(RepoRef repo, String login);
}
