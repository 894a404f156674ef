package io.prow.autodeploy.deploy.gates;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * No breaking change between the deployed Prow and the bump: the source range from the deployed tag's commit to
 * the bump's changes none of the watched files (the announcements) and no commit message matches, or oncall
 * approved this tag with {@code /approve-deploy}. Not knowing the range (GitHub failed, a commit is not found, no
 * earlier deploy) keeps it closed: the guard exists for the deploys nobody looked at.
 */
public final class BreakingChangeGate implements Gate {
    public static final String NAME = "breaking-changes";
    /** When GitHub failed transiently: ask again this soon rather than at the next sweep. */
    static final Duration RETRY = Duration.ofMinutes(1);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "no announcement or breaking change in the Prow source since the deployed version, or oncall "
                + "approved this version (/approve-deploy)";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        SourceChanges changes = s.sourceChanges();
        if (changes instanceof SourceChanges.Off) {
            return GateResult.open(NAME, "no breaking-change guard configured");
        }
        Optional<PrMarkers.Approval> approval = s.markers().approval()
                .filter(a -> s.tag().isPresent() && a.tag().equals(s.tag().get()));
        if (approval.isPresent()) {
            return GateResult.open(NAME, "approved by @" + approval.get().by() + " for " + approval.get().tag());
        }
        if (changes instanceof SourceChanges.Unknown u) {
            String text = u.fromTag() == null
                    ? "Blocked: cannot compare " + u.toTag() + " with the deployed version: " + u.reason()
                    : "Blocked: cannot compare " + u.fromTag() + ".." + u.toTag() + ": " + u.reason();
            return u.transientFailure() ? GateResult.closedUntil(NAME, text, now.plus(RETRY))
                    : GateResult.closed(NAME, text);
        }
        SourceChanges.Compared c = (SourceChanges.Compared) changes;
        if (BreakingChangeMatcher.find(s.config().breakingChanges(), c.comparison()).isEmpty()) {
            return GateResult.open(NAME, "no announcements between " + c.fromTag() + " and " + c.toTag());
        }
        return GateResult.closed(NAME, "Needs oncall: announcements changed between " + c.fromTag() + " and "
                + c.toTag()).withLink(c.comparison().htmlUrl());
    }
}
