package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.github.StatusState;
import io.prow.autodeploy.text.Clip;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The gates' verdicts on one PR at one instant, in gate order. A deploy happens only when every gate is open;
 * the first closed gate is the one the status names.
 */
public record Decision(List<GateResult> results, Optional<String> tag) {
    public static final int STATUS_MAX = 140;

    public Decision {
        results = List.copyOf(results);
    }

    public boolean deploy() {
        return results.stream().allMatch(GateResult::open);
    }

    public Optional<GateResult> firstClosed() {
        return results.stream().filter(r -> !r.open()).findFirst();
    }

    /** The earliest instant at which a closed gate says it opens: when to look again without an event. */
    public Optional<Instant> nextEvaluation() {
        return results.stream().filter(r -> !r.open()).flatMap(r -> r.opensAt().stream()).min(Instant::compareTo);
    }

    /**
     * The same verdicts behind one more closed gate that the gate list does not know (a config that failed to
     * reload): nothing deploys, and the status names it first.
     */
    public Decision blockedBy(GateResult blocker) {
        List<GateResult> all = new java.util.ArrayList<>();
        all.add(blocker);
        all.addAll(results);
        return new Decision(all, tag);
    }

    /** Where the status should link: the first closed gate's explanation, if it has one. */
    public Optional<String> statusLink() {
        return firstClosed().flatMap(GateResult::link);
    }

    /** Untrusted PRs fail (a person should look); everything else waits. */
    public StatusState statusState() {
        if (deploy()) {
            return StatusState.SUCCESS;
        }
        return firstClosed().map(r -> r.gate().equals(TrustedGate.NAME) ? StatusState.FAILURE : StatusState.PENDING)
                .orElse(StatusState.PENDING);
    }

    /** The commit status text: at most 140 code points (GitHub's limit), naming the first closed gate and when it opens. */
    public String statusText() {
        String text = deploy()
                ? "Deploying " + tag.orElse("this bump") + " (all gates open)"
                : firstClosed().map(GateResult::reason).orElse("Waiting");
        // GitHub refuses longer descriptions (422); cut on code points so no emoji is halved (text.Clip).
        return Clip.withEllipsis(text, STATUS_MAX);
    }
}
