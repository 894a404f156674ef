package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.github.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code status} webhook says: {@code context} on {@code sha} is now {@code state} (GitHub's {@code error}
 * and {@code failure} both read as FAILURE). A report is never the truth about a gate that opens: events may come
 * late or out of order, so anything that could open a gate or trigger a {@code /retest} is read from GitHub. What a
 * report may do without a read (issue 16: every CI report was a charged read): keep a gate closed that it cannot
 * open. See {@link HeadChecks#cannotChange}.
 */
public record StatusReport(String sha, String context, Check.State state) {
    /** A pending report: {@code context} started (again). */
    public static StatusReport pending(String sha, String context) {
        return new StatusReport(sha, context, Check.State.PENDING);
    }

    /**
     * {@code checks} with this report folded in. A pending report of a context the last read has finished is not
     * folded (empty): it could be a rerun or a late, stale delivery, and only GitHub knows. A finished report
     * replaces what was known of its context.
     */
    Optional<List<Check>> applyTo(List<Check> checks) {
        if (state == Check.State.PENDING
                && checks.stream().anyMatch(c -> c.context().equals(context) && c.state() != Check.State.PENDING)) {
            return Optional.empty();
        }
        List<Check> out = new ArrayList<>(checks.stream().filter(c -> !c.context().equals(context)).toList());
        out.add(new Check(context, state, "", null));
        return Optional.of(List.copyOf(out));
    }
}
