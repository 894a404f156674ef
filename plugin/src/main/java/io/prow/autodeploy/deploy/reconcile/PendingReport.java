package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.github.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code status} webhook with state {@code pending} says: {@code context} started (again) on {@code sha}.
 * It can only close the tests gate, never open it, so the decision it triggers may take the head's last read
 * checks with this context set to pending instead of reading them again (issue 16: one charged read per CI
 * report). Only pending: a success or failure is read from GitHub, so nothing that could open a gate or trigger
 * a {@code /retest} rests on an event alone (events may come late or out of order).
 */
public record PendingReport(String sha, String context) {
    /**
     * {@code checks} with this context added as pending, when it is new or already pending there. Empty when the
     * last read has it finished: that pending could be a rerun or a late, stale delivery, and only GitHub knows.
     */
    java.util.Optional<List<Check>> applyTo(List<Check> checks) {
        if (checks.stream().anyMatch(c -> c.context().equals(context) && c.state() != Check.State.PENDING)) {
            return java.util.Optional.empty();
        }
        List<Check> out = new ArrayList<>(checks.stream().filter(c -> !c.context().equals(context)).toList());
        out.add(new Check(context, Check.State.PENDING, "", null));
        return java.util.Optional.of(List.copyOf(out));
    }
}
