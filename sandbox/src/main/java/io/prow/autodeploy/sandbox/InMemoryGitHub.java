package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.ChangedFile;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comparison;
import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.Permission;
import io.prow.autodeploy.github.PrQuery;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.github.StatusState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stateful GitHub in memory: the fake for tests and, behind {@code SandboxServer}, the demo's GitHub.
 * Every call is counted ({@link #calls()}), every mutation is logged readably ({@link #log()}), and faults can be
 * injected per method ({@link #failNext}). Thread-safe: one lock, like a single GitHub.
 *
 * <p>This class is the port side (what the plugin calls, counted by {@link SandboxCalls}); {@link SandboxSetup} is
 * what people and other bots do, and {@link SandboxState} what both read and write.
 */
public final class InMemoryGitHub extends SandboxSetup implements GitHub {
    private final String bot;
    private final SandboxCalls calls = new SandboxCalls();

    public InMemoryGitHub(Clock clock, String botLogin) {
        super(clock);
        this.bot = botLogin;
    }

    @Override
    public String botLogin() {
        return bot;
    }

    @Override
    public synchronized PullRequest pullRequest(RepoRef repo, int number) {
        enter("pullRequest", false);
        SandboxRepo.Pr pr = repo(repo).pulls.get(number);
        if (pr == null) {
            throw new GitHubException(404, "Not Found: pull " + repo + "#" + number);
        }
        return snapshot(repo, pr);
    }

    @Override
    public synchronized List<PullRequest> pullRequests(RepoRef repo, PrQuery q) {
        enter("pullRequests", false);
        List<SandboxRepo.Pr> matching = new ArrayList<>();
        for (SandboxRepo.Pr pr : repo(repo).pulls.values()) {
            boolean stateOk = switch (q.state()) {
                case OPEN -> pr.open;
                case CLOSED -> !pr.open;
                case ALL -> true;
            };
            boolean baseOk = q.base() == null || q.base().equals(pr.baseRef);
            boolean headOk = q.head() == null || q.head().equals(pr.headOwner + ":" + pr.headRef);
            if (stateOk && baseOk && headOk) {
                matching.add(pr);
            }
        }
        // GitHub's sort=updated&direction=desc; closing or merging updates a PR, so recent closes come first.
        matching.sort(Comparator.comparing((SandboxRepo.Pr p) -> p.closedAt != null ? p.closedAt : p.createdAt)
                .thenComparingInt(p -> p.number).reversed());
        return matching.stream().skip((long) (q.page() - 1) * q.limit()).limit(q.limit()).map(p -> snapshot(repo, p))
                .toList();
    }

    @Override
    public synchronized List<ChangedFile> changedFiles(RepoRef repo, int number) {
        enter("changedFiles", false);
        SandboxRepo.Pr pr = pr(repo, number);
        SandboxRepo r = repo(repo);
        Map<String, String> base = r.commits.getOrDefault(r.branches.get(pr.baseRef), Map.of());
        return pr.changes.entrySet().stream().map(e -> new ChangedFile(e.getKey(),
                pr.hiddenPatches.contains(e.getKey()) ? null
                        : SandboxPatch.unified(base.get(e.getKey()), e.getValue()))).toList();
    }

    @Override
    public synchronized List<Check> checks(RepoRef repo, String sha) {
        enter("checks", false);
        return List.copyOf(repo(repo).checks.getOrDefault(sha, Map.of()).values());
    }

    @Override
    public synchronized List<Comment> comments(RepoRef repo, int number) {
        enter("comments", false);
        return List.copyOf(repo(repo).commentsOf(number));
    }

    @Override
    public synchronized boolean isOrgMember(String org, String login) {
        enter("isOrgMember", false);
        return orgMembers.getOrDefault(org, Set.of()).contains(login);
    }

    @Override
    public synchronized boolean isTeamMember(String org, String teamSlug, String login) {
        enter("isTeamMember", false);
        return teamMembers.getOrDefault(org + "/" + teamSlug, Set.of()).contains(login);
    }

    @Override
    public synchronized Permission permission(RepoRef repo, String login) {
        enter("permission", false);
        return repo(repo).permissions.getOrDefault(login, Permission.NONE);
    }

    @Override
    public synchronized Optional<String> branchSha(RepoRef repo, String branch) {
        enter("branchSha", false);
        return Optional.ofNullable(repo(repo).branches.get(branch));
    }

    @Override
    public synchronized List<String> treePaths(RepoRef repo, String commitSha) {
        enter("treePaths", false);
        return List.copyOf(tree(repo, commitSha).keySet());
    }

    @Override
    public synchronized String fileText(RepoRef repo, String path, String ref) {
        enter("fileText", false);
        String sha = repo(repo).branches.getOrDefault(ref, ref);
        String text = tree(repo, sha).get(path);
        if (text == null) {
            throw new GitHubException(404, "Not Found: " + path + " at " + ref);
        }
        return text;
    }

    /**
     * GitHub's compare over a seeded source history ({@link #pushSourceCommit}): commits after {@code base} up to
     * {@code head}, oldest first, and the files they touch ({@link SourceHistories#compare}).
     */
    @Override
    public synchronized Comparison compare(RepoRef repo, String base, String head) {
        enter("compare", false);
        return sources.compare(repo, base, head);
    }

    @Override
    public synchronized void addLabels(RepoRef repo, int number, List<String> labels) {
        enter("addLabels", true);
        SandboxRepo.Pr pr = pr(repo, number);
        for (String l : labels) {
            if (pr.labels.add(l)) {
                record("#" + number + " label +" + l);
            }
        }
    }

    @Override
    public synchronized void removeLabel(RepoRef repo, int number, String label) {
        enter("removeLabel", true);
        // GitHub answers 404 for a label that is not there; the port treats that as done (idempotent removal).
        if (pr(repo, number).labels.remove(label)) {
            record("#" + number + " label -" + label);
        }
    }

    @Override
    public synchronized void setStatus(RepoRef repo, String sha, StatusState state, String context,
                                       String description, String targetUrl) {
        enter("setStatus", true);
        Check.State folded = switch (state) {
            case SUCCESS -> Check.State.SUCCESS;
            case PENDING -> Check.State.PENDING;
            default -> Check.State.FAILURE;
        };
        repo(repo).checks.computeIfAbsent(sha, s -> new LinkedHashMap<>())
                .put(context, new Check(context, folded, description, targetUrl));
        record("status " + context + "=" + state.api() + " \"" + description + "\" on " + shortSha(sha));
    }

    @Override
    public synchronized Comment createComment(RepoRef repo, int number, String body) {
        enter("createComment", true);
        long id = nextCommentId++;
        Comment c = new Comment(id, bot, body, clock.instant(),
                "https://github.com/" + repo + "/issues/" + number + "#issuecomment-" + id);
        repo(repo).commentsOf(number).add(c);
        record("#" + number + " comment: " + firstLine(body));
        return c;
    }

    @Override
    public synchronized void editComment(RepoRef repo, long commentId, String body) {
        enter("editComment", true);
        for (List<Comment> list : repo(repo).comments.values()) {
            for (int i = 0; i < list.size(); i++) {
                Comment c = list.get(i);
                if (c.id() == commentId) {
                    list.set(i, new Comment(c.id(), c.author(), body, c.createdAt(), c.htmlUrl()));
                    record("comment " + commentId + " edited: " + firstLine(body));
                    return;
                }
            }
        }
        throw new GitHubException(404, "Not Found: comment " + commentId);
    }

    @Override
    public synchronized void deleteComment(RepoRef repo, long commentId) {
        enter("deleteComment", true);
        for (List<Comment> list : repo(repo).comments.values()) {
            if (list.removeIf(c -> c.id() == commentId)) {
                record("comment " + commentId + " deleted");
                return;
            }
        }
    }

    @Override
    public synchronized String createCommit(RepoRef repo, String parentSha, String message, Map<String, String> files) {
        enter("createCommit", true);
        Map<String, String> tree = new LinkedHashMap<>(tree(repo, parentSha));
        tree.putAll(files);
        String sha = newSha();
        repo(repo).commits.put(sha, tree);
        record("commit " + shortSha(sha) + " \"" + firstLine(message) + "\" changing " + files.keySet());
        return sha;
    }

    @Override
    public synchronized void setBranch(RepoRef repo, String branch, String sha) {
        enter("setBranch", true);
        tree(repo, sha);
        String old = repo(repo).branches.put(branch, sha);
        record("branch " + branch + (old == null ? " created at " : " moved to ") + shortSha(sha));
    }

    @Override
    public synchronized PullRequest createPullRequest(RepoRef repo, String title, String head, String base,
                                                      String body) {
        enter("createPullRequest", true);
        SandboxRepo r = repo(repo);
        for (SandboxRepo.Pr existing : r.pulls.values()) {
            if (existing.open && existing.headRef.equals(head) && existing.baseRef.equals(base)) {
                throw new GitHubException(422, "A pull request already exists for " + repo.owner() + ":" + head);
            }
        }
        String headSha = r.branches.get(head);
        if (headSha == null) {
            throw new GitHubException(422, "Validation Failed: head " + head + " does not exist");
        }
        Map<String, String> changes = diff(tree(repo, r.branches.get(base)), tree(repo, headSha));
        SandboxRepo.Pr pr = newPr(r, bot, repo.owner(), head, base, title, headSha, changes);
        pr.body = body;
        record("#" + pr.number + " opened \"" + title + "\"");
        return snapshot(repo, pr);
    }

    /** How many calls each method received since the last {@link #resetCalls()}. */
    public synchronized Map<String, Integer> calls() {
        return calls.perMethod();
    }

    public synchronized int readCalls() {
        return calls.reads();
    }

    public synchronized int writeCalls() {
        return calls.writes();
    }

    public synchronized void resetCalls() {
        calls.reset();
    }

    /** The next {@code times} calls of {@code method} throw {@code error} (and are counted). */
    public synchronized void failNext(String method, int times, GitHubException error) {
        calls.failNext(method, times, error);
    }

    private void enter(String method, boolean write) {
        calls.enter(method, write);
    }
}
