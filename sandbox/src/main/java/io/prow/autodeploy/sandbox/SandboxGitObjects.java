package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.RepoRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Git objects the REST Git data API needs and {@link InMemoryGitHub} does not keep: blobs and trees posted
 * before a commit exists, and each commit's tree, message and parents. The in-memory model stores a commit as a
 * whole tree (path → text), so a tree here is also flat: path → text, addressed by a hash of its content, like Git.
 */
final class SandboxGitObjects {
    /** What a commit says beyond its files. Commits seeded in the model have no parents we know of. */
    record Commit(String treeSha, String message, List<String> parents, Instant at) {}

    private final Map<String, String> blobs = new HashMap<>();
    private final Map<String, SortedMap<String, String>> trees = new HashMap<>();
    private final Map<String, Commit> commits = new HashMap<>();

    synchronized String putBlob(RepoRef repo, String text) {
        String sha = blobSha(text);
        blobs.put(repo + "@" + sha, text);
        return sha;
    }

    synchronized Optional<String> blob(RepoRef repo, String sha) {
        return Optional.ofNullable(blobs.get(repo + "@" + sha));
    }

    /** Stores a flat tree (path → text) and returns its sha; the same files give the same sha. */
    synchronized String putTree(RepoRef repo, Map<String, String> files) {
        SortedMap<String, String> sorted = new TreeMap<>(files);
        StringBuilder canonical = new StringBuilder();
        sorted.forEach((path, text) -> {
            canonical.append(path).append('\0').append(blobSha(text)).append('\n');
            blobs.put(repo + "@" + blobSha(text), text);
        });
        String sha = sha1("tree " + canonical);
        trees.put(repo + "@" + sha, sorted);
        return sha;
    }

    synchronized Optional<SortedMap<String, String>> tree(RepoRef repo, String sha) {
        return Optional.ofNullable(trees.get(repo + "@" + sha));
    }

    synchronized void putCommit(RepoRef repo, String sha, Commit commit) {
        commits.put(repo + "@" + sha, commit);
    }

    synchronized Optional<Commit> commit(RepoRef repo, String sha) {
        return Optional.ofNullable(commits.get(repo + "@" + sha));
    }

    /** Whether {@code ancestor} is {@code sha} or reachable through parents we know (for fast-forward checks). */
    synchronized boolean reaches(RepoRef repo, String sha, String ancestor) {
        List<String> frontier = List.of(sha);
        for (int depth = 0; depth < 10_000 && !frontier.isEmpty(); depth++) {
            if (frontier.contains(ancestor)) {
                return true;
            }
            frontier = frontier.stream().map(s -> commits.get(repo + "@" + s)).filter(c -> c != null)
                    .flatMap(c -> c.parents().stream()).toList();
        }
        return false;
    }

    /** Git's blob id: sha1 of {@code "blob <length>\0" + content}, so ids look and behave like GitHub's. */
    static String blobSha(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return sha1("blob " + bytes.length + "\0" + text);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
