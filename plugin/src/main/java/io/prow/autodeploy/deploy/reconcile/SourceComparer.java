package io.prow.autodeploy.deploy.reconcile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.SourceChanges;
import io.prow.autodeploy.github.Comparison;
import io.prow.autodeploy.github.Contents;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.rollback.Deploy;
import java.util.List;
import java.util.Optional;

/**
 * Compares the deployed tag's source commit with the bump's: one compare call per pair of commits, kept (two
 * commits' range never changes). Failures are not kept, so the next reconcile asks again; they become
 * {@link SourceChanges.Unknown}, which the guard treats as closed.
 */
public final class SourceComparer {
    private final Contents contents;
    private final Cache<String, Comparison> byRange = Caffeine.newBuilder().maximumSize(500).build();

    public SourceComparer(Contents contents) {
        this.contents = contents;
    }

    public SourceChanges changes(RepoConfig c, Optional<String> newTag, Optional<Deploy> deployed) {
        RepoConfig.BreakingChanges guard = c.breakingChanges();
        if (!guard.enabled()) {
            return SourceChanges.OFF;
        }
        if (newTag.isEmpty()) {
            return new SourceChanges.Unknown(null, "?", "the title names no tag", false);
        }
        String to = newTag.get();
        if (deployed.isEmpty()) {
            return new SourceChanges.Unknown(null, to, "no earlier deploy found", false);
        }
        String from = deployed.get().tag();
        Optional<String> fromSha = SourceTag.commitOf(from);
        Optional<String> toSha = SourceTag.commitOf(to);
        if (fromSha.isEmpty() || toSha.isEmpty()) {
            return new SourceChanges.Unknown(from, to, (fromSha.isEmpty() ? from : to)
                    + " names no source commit (vYYYYMMDD-<sha>)", false);
        }
        if (fromSha.get().equals(toSha.get())) {
            return new SourceChanges.Compared(from, to, new Comparison("identical", 0, List.of(), List.of(), ""));
        }
        RepoRef source = guard.sourceRepo().get();
        Comparison comparison;
        try {
            comparison = byRange.get(source + "@" + fromSha.get() + "..." + toSha.get(),
                    k -> contents.compare(source, fromSha.get(), toSha.get()));
        } catch (GitHubException e) {
            String why = e.status() == 404 ? "commit not found in " + source : "GitHub answered " + e.status();
            return new SourceChanges.Unknown(from, to, why, e.isTransient());
        }
        if (!comparison.complete()) {
            return new SourceChanges.Unknown(from, to, "too many changes to check (" + comparison.totalCommits()
                    + " commits)", false);
        }
        return new SourceChanges.Compared(from, to, comparison);
    }
}
