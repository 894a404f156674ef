package io.prow.autodeploy.github;

/** One commit status or check run on a SHA, folded to the three states a gate cares about. */
public record Check(String context, State state, String description, String url) {
    public enum State {
        SUCCESS, PENDING, FAILURE;

        /**
         * A commit status's {@code state} (GitHub: error, failure, pending, success; error and failure both read as
         * FAILURE); empty for anything else. The combined status and the {@code status} webhook both use it.
         */
        public static java.util.Optional<State> ofCommitStatus(String state) {
            return java.util.Optional.ofNullable(switch (state == null ? "" : state) {
                case "success" -> SUCCESS;
                case "pending" -> PENDING;
                case "failure", "error" -> FAILURE;
                default -> null;
            });
        }
    }
}
