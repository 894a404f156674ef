package io.prow.autodeploy.rollback;

import io.prow.autodeploy.github.PullRequest;
import java.util.Optional;

/** The rollback PR (new, or the one already open for that tag) and the autobump PR now carrying the hold. */
public record RollbackResult(PullRequest pr, boolean created, Optional<PullRequest> heldOn) {}
