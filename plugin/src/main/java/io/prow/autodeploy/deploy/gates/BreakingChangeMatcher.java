package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Comparison;
import java.util.List;

/** Pure: which files and commit messages of a compared range the breaking-change guard watches. */
public final class BreakingChangeMatcher {
    private BreakingChangeMatcher() {}

    /** The watched files and the commits whose message matches, in the order GitHub listed them. */
    public record Findings(List<String> files, List<Comparison.Commit> commits) {
        public Findings {
            files = List.copyOf(files);
            commits = List.copyOf(commits);
        }

        public boolean isEmpty() {
            return files.isEmpty() && commits.isEmpty();
        }
    }

    public static Findings find(RepoConfig.BreakingChanges config, Comparison comparison) {
        return new Findings(
                comparison.files().stream().filter(config::watchesPath).toList(),
                comparison.commits().stream().filter(c -> config.watchesMessage(c.message())).toList());
    }
}
