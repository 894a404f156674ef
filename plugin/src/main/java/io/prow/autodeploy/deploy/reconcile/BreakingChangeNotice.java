package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.deploy.gates.BreakingChangeGate;
import io.prow.autodeploy.deploy.gates.BreakingChangeMatcher;
import io.prow.autodeploy.deploy.gates.Decision;
import io.prow.autodeploy.deploy.gates.PrMarkers;
import io.prow.autodeploy.deploy.gates.Snapshot;
import io.prow.autodeploy.deploy.gates.SourceChanges;
import io.prow.autodeploy.deploy.gates.TestsGate;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.github.Comparison;
import io.prow.autodeploy.ledger.InertText;
import java.util.Optional;

/**
 * When the breaking-change guard stops a bump, tells oncall once, on the PR, what to read: the matching files and
 * commits of the source range and the compare view. Once per range: the comment carries a marker naming it, so
 * redeliveries and replicas do not repeat it, and a new bump (a new range) gets its own.
 */
final class BreakingChangeNotice {
    static final int MAX_LISTED = 20;

    private final Comments comments;

    BreakingChangeNotice(Comments comments) {
        this.comments = comments;
    }

    /** The snapshot with the notice marked posted, when it posted one. */
    Optional<Snapshot> postIfNeeded(Snapshot s, Decision d) {
        if (!s.markers().read() || s.markers().noticePosted() || s.markers().approval().isPresent()
                || !(s.sourceChanges() instanceof SourceChanges.Compared c)
                || d.results().stream().noneMatch(r -> r.gate().equals(BreakingChangeGate.NAME) && !r.open())) {
            return Optional.empty();
        }
        BreakingChangeMatcher.Findings f = BreakingChangeMatcher.find(s.config().breakingChanges(), c.comparison());
        if (f.isEmpty()) {
            return Optional.empty();
        }
        comments.createComment(s.pr().repo(), s.pr().number(), text(s, c, f));
        return Optional.of(s.withMarkers(s.markers().withNotice()));
    }

    static String text(Snapshot s, SourceChanges.Compared c, BreakingChangeMatcher.Findings f) {
        StringBuilder b = new StringBuilder("**Deploy needs oncall**: ")
                .append(s.config().breakingChanges().sourceRepo().map(Object::toString).orElse("the source"))
                .append(" changed announcements between `").append(c.fromTag()).append("` and `")
                .append(c.toTag()).append("` ([compare](").append(c.comparison().htmlUrl()).append(")).\n");
        if (!f.files().isEmpty()) {
            b.append("\nFiles:\n");
            f.files().stream().limit(MAX_LISTED).forEach(p -> b.append("- `").append(InertText.of(p))
                    .append("`\n"));
        }
        if (!f.commits().isEmpty()) {
            b.append("\nCommits:\n");
            for (Comparison.Commit commit : f.commits().stream().limit(MAX_LISTED).toList()) {
                b.append("- [").append(TestsGate.shortSha(commit.sha())).append("](").append(commit.htmlUrl())
                        .append(") ").append(InertText.of(commit.subject())).append('\n');
            }
        }
        int more = Math.max(0, f.files().size() - MAX_LISTED) + Math.max(0, f.commits().size() - MAX_LISTED);
        if (more > 0) {
            b.append("- … and ").append(more).append(" more in the compare view\n");
        }
        b.append("\nRead them and do what they ask, then comment `/approve-deploy [reason]` to deploy `")
                .append(c.toTag()).append("`. The approval is for this version only.\n")
                .append(PrMarkers.noticeMarker(c.range().orElseThrow()));
        return b.toString();
    }
}
