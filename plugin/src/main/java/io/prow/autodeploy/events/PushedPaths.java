package io.prow.autodeploy.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The files a {@code push} changed, from its payload's {@code commits[].added/removed/modified} (GitHub's docs,
 * webhook-events-and-payloads#push: "Pushed commits are all commits that are included in the compare between the
 * before commit and the after commit"). The docs have named both 20 and 2048 as the most commits the array holds,
 * so a list of {@link #MAX_COMMITS} or more may be cut short and counts as unknown, as do an empty list, a forced
 * push (history rewritten: the list does not say what changed against the old tip) and a deleted ref. Unknown means
 * "may concern us": the caller then does what it did before it could tell.
 */
final class PushedPaths {
    static final int MAX_COMMITS = 20;
    /** Bounded work for outside input: a push naming more files than this is treated as unknown. */
    static final int MAX_PATHS = 5_000;

    private PushedPaths() {}

    static Optional<Set<String>> of(JsonNode root) {
        JsonNode commits = root.path("commits");
        if (!commits.isArray() || commits.isEmpty() || commits.size() >= MAX_COMMITS
                || root.path("forced").asBoolean(false) || root.path("deleted").asBoolean(false)) {
            return Optional.empty();
        }
        Set<String> paths = new HashSet<>();
        for (JsonNode commit : commits) {
            for (String kind : new String[] {"added", "removed", "modified"}) {
                JsonNode files = commit.path(kind);
                if (!files.isArray()) {
                    return Optional.empty();
                }
                for (JsonNode file : files) {
                    if (!file.isTextual() || paths.size() >= MAX_PATHS) {
                        return Optional.empty();
                    }
                    paths.add(file.asText());
                }
            }
        }
        return Optional.of(Set.copyOf(paths));
    }
}
