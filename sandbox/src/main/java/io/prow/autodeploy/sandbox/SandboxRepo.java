package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Permission;
import io.prow.autodeploy.github.RepoRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The mutable state of one sandbox repository. Guarded by the owning {@link InMemoryGitHub}'s lock. */
final class SandboxRepo {
    final RepoRef ref;
    final Map<Integer, Pr> pulls = new TreeMap<>();
    final Map<Integer, List<Comment>> comments = new HashMap<>();
    /** sha → context → check; statuses and check runs share the map, as a gate sees them. */
    final Map<String, Map<String, Check>> checks = new HashMap<>();
    final Map<String, String> branches = new HashMap<>();
    /** commit sha → full tree (path → text); commits are whole snapshots, which is all the plugin needs. */
    final Map<String, Map<String, String>> commits = new HashMap<>();
    final Map<String, Permission> permissions = new HashMap<>();
    /** The branch the repository was created with, what GitHub reports as {@code default_branch}. */
    String defaultBranch;
    int nextNumber = 1;

    SandboxRepo(RepoRef ref) {
        this.ref = ref;
    }

    /** A mutable pull request. {@code changes} is path → new text, what the PR would write on merge. */
    static final class Pr {
        int number;
        String title;
        String body;
        String author;
        String headOwner;
        String headRef;
        String headSha;
        String baseRef;
        boolean open = true;
        Instant createdAt;
        Instant closedAt;
        Instant mergedAt;
        String mergeCommitSha;
        Set<String> labels = new LinkedHashSet<>();
        /** Paths whose patch GitHub would not show (a diff too large): listed without {@code patch}. */
        Set<String> hiddenPatches = new LinkedHashSet<>();
        Map<String, String> changes = new LinkedHashMap<>();
    }

    List<Comment> commentsOf(int number) {
        return comments.computeIfAbsent(number, n -> new ArrayList<>());
    }
}
