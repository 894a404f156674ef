package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.github.Comparison;
import java.util.Optional;

/**
 * What the reader learned about the Prow source changes a bump deploys, for the breaking-change guard: nothing
 * (guard off), the compared range from the deployed tag to the bump's tag, or why it could not be compared.
 */
public sealed interface SourceChanges {
    Off OFF = new Off();

    /** {@code vA..vB}: names the range in markers and texts; empty when the guard is off. */
    Optional<String> range();

    /** The guard is not configured ({@code breakingChanges.sourceRepo} unset). */
    record Off() implements SourceChanges {
        @Override
        public Optional<String> range() {
            return Optional.empty();
        }
    }

    /** GitHub compared the deployed tag's commit with the bump's. */
    record Compared(String fromTag, String toTag, Comparison comparison) implements SourceChanges {
        @Override
        public Optional<String> range() {
            return Optional.of(fromTag + ".." + toTag);
        }
    }

    /**
     * No comparison: {@code reason} says why, for the status ("cannot compare vA..vB: reason"). {@code fromTag} is
     * null when no earlier deploy is known. {@code transientFailure}: worth asking again soon.
     */
    record Unknown(String fromTag, String toTag, String reason, boolean transientFailure) implements SourceChanges {
        @Override
        public Optional<String> range() {
            return Optional.of((fromTag == null ? "?" : fromTag) + ".." + toTag);
        }
    }
}
