package io.prow.autodeploy.deploy;

import io.prow.autodeploy.github.PullRequest;
import java.util.List;

/** A snapshot plus what was read on the way that other steps reuse (recently closed PRs: history, carried holds). */
public record Reading(Snapshot snapshot, List<PullRequest> recentlyClosed) {}
