package io.prow.autodeploy.github;

/** A user's permission on a repository, as GitHub's collaborator permission endpoint reports it. */
public enum Permission { ADMIN, WRITE, READ, NONE }
