package io.prow.autodeploy.ledger;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Holding and releasing automatic deploys of a repo, on the latest autobump PR (open, or the last closed one so
 * the hold carries to the next). GitHub is the only store: our hold record (the truth) and the hold label (its
 * picture, which Tide's missingLabels reads).
 */
public interface DeployHolds {
    /** Holds deploys; returns the autobump PR that now carries the hold, if there is one. Idempotent. */
    Optional<PullRequest> hold(RepoConfig config, String by, String reason);

    /** Releases the hold; returns the PR it was released on, if any. Idempotent. */
    Optional<PullRequest> release(RepoConfig config, String by);

    /**
     * A hold or release asked by a comment: {@code at} is when it was posted (the later command wins, by comment
     * time), {@code askedOn} the issue it is on (0: not from a comment). When that is the PR the hold goes on, the
     * record is not posted but returned, for the command's one reply to carry.
     */
    record Request(String by, String reason, Instant at, int askedOn, long commentId) {
        public Request(String by, String reason, Instant at, int askedOn) {
            this(by, reason, at, askedOn, 0);
        }
    }

    /**
     * What a hold or release did: the PR, the record the reply must carry (empty when it was posted on the PR or
     * nothing changed), and the later command that won over this one, if any.
     */
    record Outcome(Optional<PullRequest> pr, Optional<String> recordForReply, Optional<Instant> overruledBy) {
        public static Outcome of(Optional<PullRequest> pr) {
            return new Outcome(pr, Optional.empty(), Optional.empty());
        }
    }

    /** The command's reply now carries the hold's record on PR {@code number}: decide again, with the record read. */
    default void recorded(RepoConfig config, int number) {}

    default Outcome hold(RepoConfig config, Request request) {
        return Outcome.of(hold(config, request.by(), request.reason()));
    }

    default Outcome release(RepoConfig config, Request request) {
        return Outcome.of(release(config, request.by()));
    }
}
