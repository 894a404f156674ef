package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Permission;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox's arrange side: what a test or the demo does as people and other bots would (open a PR, push,
 * turn a check green, merge, add a team member). These calls are not counted as API calls of the plugin.
 */
abstract class SandboxSetup extends SandboxState {
    SandboxSetup(Clock clock) {
        super(clock);
    }

    /** Creates the repository with {@code branch} holding {@code files}; returns the commit SHA. */
    public synchronized String createRepo(RepoRef ref, String branch, Map<String, String> files) {
        SandboxRepo r = repos.computeIfAbsent(ref, SandboxRepo::new);
        String sha = newSha();
        r.commits.put(sha, new LinkedHashMap<>(files));
        r.branches.put(branch, sha);
        if (r.defaultBranch == null) {
            r.defaultBranch = branch;
        }
        return sha;
    }

    /** One commit of a source repository's history: what the compare API reports about it. */
    public record SourceCommit(String sha, String message, List<String> files) {
        public SourceCommit {
            files = List.copyOf(files);
        }

        /** The 10-character short SHA image tags carry ({@code v20261125-<short>}). */
        public String shortSha() {
            return sha.substring(0, 10);
        }
    }

    /**
     * Appends a commit to the linear history of source repository {@code ref} (created on first use), as merging a
     * change into Prow's repository would. Returns it; its {@link SourceCommit#shortSha()} names image tags.
     */
    public synchronized SourceCommit pushSourceCommit(RepoRef ref, String message, List<String> files) {
        return sources.add(ref, new SourceCommit(newSha(), message, files));
    }

    /**
     * As {@link #pushSourceCommit(RepoRef, String, List)}, with the commit's SHA starting with {@code shortSha}: for a
     * demo whose image tags are fixed strings ({@code v20261130-1a2b3c4d5e} names commit {@code 1a2b3c4d5e…}).
     */
    public synchronized SourceCommit pushSourceCommit(RepoRef ref, String shortSha, String message,
                                                      List<String> files) {
        String sha = (shortSha + newSha()).substring(0, 40);
        return sources.add(ref, new SourceCommit(sha, message, files));
    }

    /** Opens a PR as {@code author}; {@code changes} are path → new text. Returns its number. */
    public synchronized int openPullRequest(RepoRef ref, String author, String headOwner, String headRef,
                                            String base, String title, Map<String, String> changes) {
        SandboxRepo r = repo(ref);
        SandboxRepo.Pr pr = newPr(r, author, headOwner, headRef, base, title, newSha(), changes);
        storeHeadTree(r, pr);
        record("#" + pr.number + " opened by @" + author + " \"" + title + "\"");
        return pr.number;
    }

    /** The autobumper force-pushes: new head SHA, title and changes on the same PR. Returns the new SHA. */
    public synchronized String forcePush(RepoRef ref, int number, String title, Map<String, String> changes) {
        SandboxRepo.Pr pr = pr(ref, number);
        pr.headSha = newSha();
        pr.title = title;
        pr.changes = new LinkedHashMap<>(changes);
        storeHeadTree(repo(ref), pr);
        record("#" + number + " force-pushed " + shortSha(pr.headSha) + " \"" + title + "\"");
        return pr.headSha;
    }

    /** The head commit's tree is the base branch's with the PR's changes, so files can be read at the head SHA. */
    private void storeHeadTree(SandboxRepo r, SandboxRepo.Pr pr) {
        String baseSha = r.branches.get(pr.baseRef);
        Map<String, String> tree = new LinkedHashMap<>(baseSha == null ? Map.of() : r.commits.getOrDefault(baseSha,
                Map.of()));
        tree.putAll(pr.changes);
        r.commits.put(pr.headSha, tree);
    }

    /** Sets a CI context (as a commit status) on a SHA, as Prow's jobs would. */
    public synchronized void setCheck(RepoRef ref, String sha, String context, Check.State state) {
        repo(ref).checks.computeIfAbsent(sha, s -> new LinkedHashMap<>())
                .put(context, new Check(context, state, context + " " + state.name().toLowerCase(java.util.Locale.ROOT), null));
    }

    /** Merges as Tide would: applies the PR's changes to its base branch and closes it. */
    public synchronized void merge(RepoRef ref, int number) {
        SandboxRepo r = repo(ref);
        SandboxRepo.Pr pr = pr(ref, number);
        Map<String, String> tree = new LinkedHashMap<>(r.commits.get(r.branches.get(pr.baseRef)));
        tree.putAll(pr.changes);
        String sha = newSha();
        r.commits.put(sha, tree);
        r.branches.put(pr.baseRef, sha);
        pr.open = false;
        pr.mergedAt = clock.instant();
        pr.mergeCommitSha = sha;
        pr.closedAt = pr.mergedAt;
        record("#" + number + " merged into " + pr.baseRef);
    }

    public synchronized void close(RepoRef ref, int number) {
        SandboxRepo.Pr pr = pr(ref, number);
        pr.open = false;
        pr.closedAt = clock.instant();
        record("#" + number + " closed");
    }

    /** A person (not the bot) comments; returns the comment as a webhook would carry it. */
    public synchronized Comment comment(RepoRef ref, int number, String author, String body) {
        long id = nextCommentId++;
        Comment c = new Comment(id, author, body, clock.instant(),
                "https://github.com/" + ref + "/issues/" + number + "#issuecomment-" + id);
        repo(ref).commentsOf(number).add(c);
        return c;
    }

    /** A person adds a label by hand. */
    public synchronized void label(RepoRef ref, int number, String label) {
        pr(ref, number).labels.add(label);
    }

    /** A person or another bot (Prow's hold plugin) removes a label. */
    public synchronized void unlabel(RepoRef ref, int number, String label) {
        pr(ref, number).labels.remove(label);
    }

    public synchronized void addOrgMember(String org, String login) {
        orgMembers.computeIfAbsent(org, o -> new HashSet<>()).add(login);
    }

    public synchronized void addTeamMember(String org, String team, String login) {
        teamMembers.computeIfAbsent(org + "/" + team, t -> new HashSet<>()).add(login);
        addOrgMember(org, login);
    }

    public synchronized void setPermission(RepoRef ref, String login, Permission permission) {
        repo(ref).permissions.put(login, permission);
    }

    /** Pulls as they stand now, without counting a call. */
    public synchronized PullRequest peek(RepoRef ref, int number) {
        return snapshot(ref, pr(ref, number));
    }

    public synchronized List<PullRequest> peekAll(RepoRef ref) {
        return repo(ref).pulls.values().stream().map(p -> snapshot(ref, p)).toList();
    }

    public synchronized List<Comment> peekComments(RepoRef ref, int number) {
        return List.copyOf(repo(ref).commentsOf(number));
    }

    public synchronized Map<String, Check> peekChecks(RepoRef ref, String sha) {
        return Map.copyOf(repo(ref).checks.getOrDefault(sha, Map.of()));
    }

    /** GitHub shows no {@code patch} for {@code path} in this PR, as for a diff too large to show. */
    public synchronized void hidePatch(RepoRef ref, int number, String path) {
        pr(ref, number).hiddenPatches.add(path);
    }

    public synchronized Map<String, String> peekTree(RepoRef ref, String branch) {
        SandboxRepo r = repo(ref);
        return Map.copyOf(r.commits.get(r.branches.get(branch)));
    }

    public synchronized Set<String> peekBranches(RepoRef ref) {
        return Set.copyOf(repo(ref).branches.keySet());
    }



    // ---- uncounted views for SandboxServer, which renders state the narrow port does not return

    /** The repository's default branch; 404 when the repository does not exist. */
    synchronized String defaultBranch(RepoRef ref) {
        return repo(ref).defaultBranch;
    }

    synchronized Optional<String> peekBranchSha(RepoRef ref, String branch) {
        return Optional.ofNullable(repo(ref).branches.get(branch));
    }

    /** The whole tree (path → text) of a commit; 404 when the commit does not exist. */
    synchronized Map<String, String> peekCommitTree(RepoRef ref, String sha) {
        return Map.copyOf(tree(ref, sha));
    }

    /** What the PR would write on merge (path → new text). */
    synchronized Map<String, String> peekChanges(RepoRef ref, int number) {
        return Map.copyOf(pr(ref, number).changes);
    }

    /** A comment by id with the number of the issue it is on. */
    synchronized Optional<Map.Entry<Integer, Comment>> peekComment(RepoRef ref, long id) {
        for (Map.Entry<Integer, List<Comment>> e : repo(ref).comments.entrySet()) {
            for (Comment c : e.getValue()) {
                if (c.id() == id) {
                    return Optional.of(Map.entry(e.getKey(), c));
                }
            }
        }
        return Optional.empty();
    }

    /** Moves a PR's timestamps into the past, so seeded history looks like it happened before now. */
    synchronized void backdate(RepoRef ref, int number, Instant createdAt, Instant closedAt) {
        SandboxRepo.Pr pr = pr(ref, number);
        pr.createdAt = createdAt;
        if (!pr.open) {
            pr.closedAt = closedAt;
            pr.mergedAt = pr.mergedAt == null ? null : closedAt;
        }
    }
}
