package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.text.Clip;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sandbox GitHub holds (repositories, people, source histories, the log of mutations) and the lookups
 * both of its sides share: {@link SandboxSetup}, what people and other bots do, and {@link InMemoryGitHub}, the
 * port the plugin calls. Guarded by the one lock of the {@link InMemoryGitHub} it is.
 */
abstract class SandboxState {
    protected final Clock clock;
    protected final Map<RepoRef, SandboxRepo> repos = new HashMap<>();
    protected final Map<String, Set<String>> orgMembers = new HashMap<>();
    protected final Map<String, Set<String>> teamMembers = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    /** Source repositories (the Prow repo images are built from) and GitHub's compare over them. */
    protected final SourceHistories sources = new SourceHistories();
    private final AtomicLong shaCounter = new AtomicLong(0xabc000);
    protected long nextCommentId = 1000;

    SandboxState(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Every mutation the plugin made, in order, in words. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    protected void record(String line) {
        log.add(line);
    }

    protected SandboxRepo repo(RepoRef ref) {
        SandboxRepo r = repos.get(ref);
        if (r == null) {
            throw new GitHubException(404, "Not Found: repository " + ref);
        }
        return r;
    }

    protected SandboxRepo.Pr pr(RepoRef ref, int number) {
        SandboxRepo.Pr pr = repo(ref).pulls.get(number);
        if (pr == null) {
            throw new GitHubException(404, "Not Found: pull " + ref + "#" + number);
        }
        return pr;
    }

    protected Map<String, String> tree(RepoRef ref, String sha) {
        Map<String, String> tree = sha == null ? null : repo(ref).commits.get(sha);
        if (tree == null) {
            throw new GitHubException(404, "Not Found: commit " + sha);
        }
        return tree;
    }

    protected SandboxRepo.Pr newPr(SandboxRepo r, String author, String headOwner, String headRef, String base,
                                   String title, String sha, Map<String, String> changes) {
        SandboxRepo.Pr pr = new SandboxRepo.Pr();
        pr.number = r.nextNumber++;
        pr.author = author;
        pr.headOwner = headOwner;
        pr.headRef = headRef;
        pr.baseRef = base;
        pr.title = title;
        pr.body = "";
        pr.headSha = sha;
        pr.createdAt = clock.instant();
        pr.changes = new LinkedHashMap<>(changes);
        r.pulls.put(pr.number, pr);
        return pr;
    }

    /** What a PR from {@code head} into {@code base} would write: path → new text of each file that differs. */
    protected static Map<String, String> diff(Map<String, String> base, Map<String, String> head) {
        Map<String, String> out = new LinkedHashMap<>();
        head.forEach((path, text) -> {
            if (!text.equals(base.get(path))) {
                out.put(path, text);
            }
        });
        return out;
    }

    protected PullRequest snapshot(RepoRef ref, SandboxRepo.Pr p) {
        return new PullRequest(ref, p.number, p.title, p.body, p.author, p.headOwner, p.headRef, p.headSha,
                p.baseRef, p.open, p.createdAt, p.closedAt, p.mergedAt, p.labels,
                "https://github.com/" + ref + "/pull/" + p.number,
                p.headOwner == null ? null : p.headOwner + "/" + ref.name(), p.mergeCommitSha);
    }

    protected String newSha() {
        // Hash a counter: unique, deterministic, and short SHAs that differ like real ones.
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(Long.toString(shaCounter.incrementAndGet()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    protected static String firstLine(String s) {
        String line = s.lines().filter(l -> !l.isBlank() && !l.startsWith("<!--")).findFirst().orElse("");
        return Clip.withEllipsis(line, 101);
    }
}
