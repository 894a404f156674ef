package io.prow.autodeploy.rollback;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.ledger.DeployHolds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** A {@link DeployHolds} that remembers each hold asked for and answers with the PR it is told carries it. */
public final class RecordingHolds implements DeployHolds {
    public record Held(String by, String reason) {}

    private final List<Held> holds = new ArrayList<>();
    private final Supplier<Optional<PullRequest>> carrier;

    public RecordingHolds(Supplier<Optional<PullRequest>> carrier) {
        this.carrier = carrier;
    }

    @Override
    public Optional<PullRequest> hold(RepoConfig config, String by, String reason) {
        holds.add(new Held(by, reason));
        return carrier.get();
    }

    @Override
    public Optional<PullRequest> release(RepoConfig config, String by) {
        throw new AssertionError("a rollback never releases a hold");
    }

    public List<Held> holds() {
        return List.copyOf(holds);
    }
}
