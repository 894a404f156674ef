package io.prow.autodeploy.github;

import java.util.List;

/**
 * What changed between two commits of a repository: GitHub's compare ({@code base...head}), the commits reachable
 * from head but not from base, oldest first, and the files they touch. One unpaginated answer lists at most
 * {@link #MAX_COMMITS} commits and {@link #MAX_FILES} files, so {@link #complete()} says whether it is the whole range.
 */
public record Comparison(String status, int totalCommits, List<Commit> commits, List<String> files, String htmlUrl) {
    public static final int MAX_COMMITS = 250;
    public static final int MAX_FILES = 300;

    /** One commit of the range; {@code message} is the whole message, subject and body. */
    public record Commit(String sha, String message, String htmlUrl) {
        public String subject() {
            int newline = message == null ? -1 : message.indexOf('\n');
            return message == null ? "" : newline < 0 ? message : message.substring(0, newline);
        }
    }

    public Comparison {
        commits = List.copyOf(commits);
        files = List.copyOf(files);
    }

    /** False when GitHub cut the lists short: a check over them could miss a commit or a file. */
    public boolean complete() {
        return commits.size() >= totalCommits && files.size() < MAX_FILES;
    }
}
