package io.prow.autodeploy.config;

/** One thing wrong with a config file: where (a key path such as {@code repos[0].window.hours}) and why. */
public record ConfigProblem(String path, String reason) {
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
