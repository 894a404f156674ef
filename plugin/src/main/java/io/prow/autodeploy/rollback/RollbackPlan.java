package io.prow.autodeploy.rollback;

import io.prow.autodeploy.github.RepoRef;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rollback ready to write: the files (path → full new text) to commit on {@code baseSha} and, per file, the image
 * tags that change. Paths are sorted so the commit, the PR body and the reply list them in one order.
 */
public record RollbackPlan(
        RepoRef repo,
        String baseBranch,
        String fromTag,
        String toTag,
        String baseSha,
        Map<String, String> files,
        Map<String, List<ImageChange>> changes) {

    public RollbackPlan {
        files = Collections.unmodifiableMap(new TreeMap<>(files));
        TreeMap<String, List<ImageChange>> sorted = new TreeMap<>();
        changes.forEach((path, list) -> sorted.put(path, List.copyOf(list)));
        changes = Collections.unmodifiableMap(sorted);
    }

    public RollbackTitle title() {
        return new RollbackTitle(toTag, fromTag);
    }

    public String branch() {
        return RollbackTitle.branch(toTag);
    }

    public int imageCount() {
        return changes.values().stream().mapToInt(List::size).sum();
    }
}
