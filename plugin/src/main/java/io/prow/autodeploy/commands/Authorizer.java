package io.prow.autodeploy.commands;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.config.Role;
import java.util.Set;

/** Decides whether a login holds one of the roles on a repo (org membership, oncall, repo admin), cached briefly. */
public interface Authorizer {
    boolean allowed(RepoConfig config, Set<Role> roles, String login);
}
