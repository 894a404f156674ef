package io.prow.autodeploy.config;

import io.prow.autodeploy.github.RepoRef;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates {@code breakingChanges}: the Prow source repo, the path globs and the commit-message pattern the
 * breaking-change guard watches; null when the section has a problem.
 */
final class BreakingChangesValidator {
    private BreakingChangesValidator() {}

    static RepoConfig.BreakingChanges breakingChanges(List<ConfigProblem> problems, String at,
                                                      ConfigSpec.BreakingChanges b) {
        if (b == null) {
            return RepoConfig.BreakingChanges.off();
        }
        int before = problems.size();
        Optional<RepoRef> source = Optional.empty();
        if (b.sourceRepo() != null) {
            try {
                source = Optional.of(RepoRef.parse(b.sourceRepo()));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(at + ".sourceRepo", e.getMessage() + ", e.g. kubernetes-sigs/prow"));
            }
        }
        List<String> paths = FieldReader.optionalList(problems, at + ".paths", b.paths(),
                RepoConfig.BreakingChanges.DEFAULT_PATHS);
        for (int i = 0; i < paths.size(); i++) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + paths.get(i));
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(at + ".paths[" + i + "]", "is not a valid glob: "
                        + e.getMessage().lines().findFirst().orElse("")));
            }
        }
        // An empty pattern would match every message; written empty it means "do not look at messages".
        Optional<Pattern> message = Optional.empty();
        String raw = b.messagePattern() == null ? RepoConfig.BreakingChanges.DEFAULT_MESSAGE_PATTERN : b.messagePattern();
        if (!raw.isBlank()) {
            message = Optional.ofNullable(ConfigValidator.compile(problems, at + ".messagePattern", raw, raw));
        }
        if (paths.isEmpty() && message.isEmpty() && problems.size() == before) {
            problems.add(new ConfigProblem(at, "watches nothing: give paths or a messagePattern"));
        }
        return problems.size() > before ? null : new RepoConfig.BreakingChanges(source, paths, message);
    }
}
