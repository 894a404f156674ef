package io.prow.autodeploy.config;

import java.util.Arrays;
import java.util.Optional;

/** Who may run a command, as written in config ({@code org-members}, {@code oncall}, {@code repo-admins}). */
public enum Role {
    ORG_MEMBERS("org-members", "members of the org"),
    ONCALL("oncall", "the oncall teams and users"),
    REPO_ADMINS("repo-admins", "repository admins");

    private final String key;
    private final String description;

    Role(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static Optional<Role> fromKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }
}
