package io.prow.autodeploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestQueryBuilder;
import org.kohsuke.github.GHTreeEntry;
import org.kohsuke.github.PagedIterator;

/**
 * The port over {@code org.kohsuke:github-api}. Every method issues a fixed, small number of requests (pinned by
 * tests): objects are never fetched just to call a method on them (see {@link KohsukeStubs}), and the endpoints
 * kohsuke cannot reach directly go through {@link RawRequests} on the same HTTP client. Built by
 * {@link GitHubClientFactory}.
 */
public final class KohsukeGitHub implements GitHub {
    private static final int PAGE = 100;

    private final KohsukeStubs stubs;
    private final RawRequests raw;
    private final GitDataWriter gitData;
    private final GitHubErrors errors;
    private final Callable<String> loginResolver;
    private volatile String login;

    KohsukeGitHub(KohsukeStubs stubs, RawRequests raw, GitHubErrors errors, Callable<String> loginResolver) {
        this.stubs = stubs;
        this.raw = raw;
        this.errors = errors;
        this.gitData = new GitDataWriter(stubs, raw);
        this.loginResolver = loginResolver;
    }

    /** Resolved on first use (one request) and kept: the identity of a token or App does not change. */
    @Override
    public String botLogin() {
        String known = login;
        if (known == null) {
            synchronized (this) {
                if (login == null) {
                    login = call("botLogin", loginResolver::call);
                }
                known = login;
            }
        }
        return known;
    }

    @Override
    public PullRequest pullRequest(RepoRef repo, int number) {
        return call("pullRequest " + repo + "#" + number,
                () -> KohsukeMapping.pullRequest(repo, stubs.repository(repo).getPullRequest(number)));
    }

    @Override
    public List<PullRequest> pullRequests(RepoRef repo, PrQuery query) {
        return call("pullRequests " + repo, () -> {
            GHPullRequestQueryBuilder q = stubs.repository(repo).queryPullRequests()
                    .state(switch (query.state()) {
                        case OPEN -> GHIssueState.OPEN;
                        case CLOSED -> GHIssueState.CLOSED;
                        case ALL -> GHIssueState.ALL;
                    })
                    .sort(GHPullRequestQueryBuilder.Sort.UPDATED)
                    .direction(GHDirection.DESC);
            if (query.base() != null) {
                q.base(query.base());
            }
            if (query.head() != null) {
                q.head(query.head());
            }
            // One page per call: kohsuke iterates from page 1, so page N re-reads pages 1..N-1 (ETag 304s, not
            // charged to the rate limit). Callers ask for page 2 and beyond rarely (deploy history only).
            PagedIterator<GHPullRequest> page = q.list().withPageSize(query.limit()).iterator();
            List<GHPullRequest> wanted = List.of();
            for (int p = 1; p <= query.page() && page.hasNext(); p++) {
                wanted = page.nextPage();
                if (p < query.page() && wanted.size() < query.limit()) {
                    wanted = List.of(); // a short page is the last one: the asked page does not exist
                    break;
                }
            }
            List<PullRequest> out = new ArrayList<>();
            for (GHPullRequest pr : wanted) {
                if (out.size() < query.limit()) {
                    out.add(KohsukeMapping.pullRequest(repo, pr));
                }
            }
            return out;
        });
    }

    @Override
    public List<ChangedFile> changedFiles(RepoRef repo, int number) {
        return call("changedFiles " + repo + "#" + number, () -> stubs.pull(repo, number).listFiles()
                .withPageSize(PAGE).toList().stream()
                .map(f -> new ChangedFile(f.getFilename(), f.getPatch())).toList());
    }

    @Override
    public List<Check> checks(RepoRef repo, String sha) {
        String what = "checks " + repo + "@" + sha;
        List<Check> out = new ArrayList<>();
        JsonNode combined = raw.getJson(what, raw.url(Map.of("per_page", "100"),
                "repos", repo.owner(), repo.name(), "commits", sha, "status"));
        combined.path("statuses").forEach(s -> out.add(KohsukeMapping.commitStatus(s)));
        out.addAll(call(what, () -> stubs.repository(repo).getCheckRuns(sha).withPageSize(PAGE).toList()
                .stream().map(KohsukeMapping::checkRun).toList()));
        return out;
    }

    @Override
    public List<Comment> comments(RepoRef repo, int number) {
        return call("comments " + repo + "#" + number, () -> {
            List<Comment> out = new ArrayList<>();
            for (GHIssueComment c : stubs.issue(repo, number).listComments().withPageSize(PAGE).toList()) {
                out.add(KohsukeMapping.comment(c));
            }
            return out;
        });
    }

    @Override
    public boolean isOrgMember(String org, String login) {
        // 204 member; 404 not a member; 302 "you may only see public members", i.e. not one we can trust.
        return raw.probe("isOrgMember " + org + "/" + login,
                raw.url(Map.of(), "orgs", org, "members", login)).status() == 204;
    }

    @Override
    public boolean isTeamMember(String org, String teamSlug, String login) {
        RawRequests.Answer a = raw.probe("isTeamMember " + org + "/" + teamSlug + "/" + login,
                raw.url(Map.of(), "orgs", org, "teams", teamSlug, "memberships", login));
        // A pending invitation is answered 200 with state "pending": not a member yet.
        return a.status() == 200 && "active".equals(a.body().path("state").asText());
    }

    @Override
    public Permission permission(RepoRef repo, String login) {
        RawRequests.Answer a = raw.probe("permission " + repo + " " + login,
                raw.url(Map.of(), "repos", repo.owner(), repo.name(), "collaborators", login, "permission"));
        return a.ok() ? KohsukeMapping.permission(a.body()) : Permission.NONE;
    }

    @Override
    public Optional<String> branchSha(RepoRef repo, String branch) {
        String what = "branchSha " + repo + " " + branch;
        List<String> segments = new ArrayList<>(List.of("repos", repo.owner(), repo.name(), "git", "ref", "heads"));
        segments.addAll(List.of(branch.split("/")));
        RawRequests.Answer a = raw.probe(what, raw.url(Map.of(), segments.toArray(String[]::new)));
        if (a.status() == 404) {
            return Optional.empty();
        }
        if (!a.ok()) {
            throw errors.fromResponse(what, a.status(), a.headers()::get, a.body().toString(), null);
        }
        return Optional.of(a.body().path("object").path("sha").asText());
    }

    @Override
    public List<String> treePaths(RepoRef repo, String commitSha) {
        String what = "treePaths " + repo + "@" + commitSha;
        String treeSha = raw.getJson(what, raw.url(Map.of(), "repos", repo.owner(), repo.name(), "git", "commits",
                commitSha)).path("tree").path("sha").asText();
        return call(what, () -> stubs.repository(repo).getTreeRecursive(treeSha, 1).getTree().stream()
                .filter(e -> "blob".equals(e.getType())).map(GHTreeEntry::getPath).toList());
    }

    @Override
    public String fileText(RepoRef repo, String path, String ref) {
        return call("fileText " + repo + " " + path + "@" + ref, () -> {
            GHContent content = stubs.repository(repo).getFileContent(path, ref);
            byte[] bytes = Base64.getMimeDecoder().decode(content.getEncodedContent());
            return new String(bytes, StandardCharsets.UTF_8);
        });
    }

    @Override
    public Comparison compare(RepoRef repo, String base, String head) {
        // Raw: kohsuke's GHCompare needs the repository object first (one more request). One page, unpaginated:
        // Comparison.complete() tells the caller when GitHub cut the lists short.
        String what = "compare " + repo + " " + base + "..." + head;
        return ComparisonJson.parse(what, raw.getJson(what,
                raw.url(Map.of(), "repos", repo.owner(), repo.name(), "compare", base + "..." + head)));
    }

    @Override
    public void addLabels(RepoRef repo, int number, List<String> labels) {
        call("addLabels " + repo + "#" + number, () -> stubs.issue(repo, number).addLabels(labels.toArray(String[]::new)));
    }

    @Override
    public void removeLabel(RepoRef repo, int number, String label) {
        // Raw because kohsuke leaves the '/' of "do-not-merge/hold" unencoded; 404 = already gone (idempotent).
        raw.deleteIfPresent("removeLabel " + repo + "#" + number + " " + label, raw.url(Map.of(),
                "repos", repo.owner(), repo.name(), "issues", Integer.toString(number), "labels", label));
    }

    @Override
    public void setStatus(RepoRef repo, String sha, StatusState state, String context, String description,
                          String targetUrl) {
        GHCommitState commitState = GHCommitState.valueOf(state.name());
        call("setStatus " + repo + "@" + sha + " " + context, () -> stubs.repository(repo)
                .createCommitStatus(sha, commitState, targetUrl, description, context));
    }

    @Override
    public Comment createComment(RepoRef repo, int number, String body) {
        return call("createComment " + repo + "#" + number,
                () -> KohsukeMapping.comment(stubs.issue(repo, number).comment(body)));
    }

    @Override
    public void editComment(RepoRef repo, long commentId, String body) {
        // kohsuke edits a comment through its parent issue, which a bare comment id does not give us.
        raw.send("editComment " + repo + " " + commentId, "PATCH",
                raw.url(Map.of(), "repos", repo.owner(), repo.name(), "issues", "comments", Long.toString(commentId)),
                Map.of("body", body));
    }

    @Override
    public void deleteComment(RepoRef repo, long commentId) {
        try {
            raw.send("deleteComment " + repo + " " + commentId, "DELETE", raw.url(Map.of(), "repos", repo.owner(),
                    repo.name(), "issues", "comments", Long.toString(commentId)), null);
        } catch (GitHubException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    @Override
    public String createCommit(RepoRef repo, String parentSha, String message, Map<String, String> files) {
        return call("createCommit " + repo + "@" + parentSha, () -> gitData.createCommit(repo, parentSha, message, files));
    }

    @Override
    public void setBranch(RepoRef repo, String branch, String sha) {
        call("setBranch " + repo + " " + branch, () -> {
            gitData.setBranch(repo, branch, sha);
            return null;
        });
    }

    @Override
    public PullRequest createPullRequest(RepoRef repo, String title, String head, String base, String body) {
        return call("createPullRequest " + repo + " " + head + "→" + base, () -> KohsukeMapping.pullRequest(repo,
                stubs.repository(repo).createPullRequest(title, head, base, body)));
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, IoCall<T> body) {
        try {
            return body.run();
        } catch (GitHubException e) {
            throw e;
        } catch (IOException e) {
            throw errors.translate(what, e);
        } catch (GHException e) {
            // Paged iteration wraps the IOException of a page fetch in kohsuke's unchecked GHException.
            if (e.getCause() instanceof IOException io) {
                throw errors.translate(what, io);
            }
            throw new GitHubException(0, what + " failed: " + e.getClass().getSimpleName(), null, e);
        } catch (NullPointerException | AssertionError e) {
            // A 200 with a `null` body (or a list with null items) reaches kohsuke's binding as null: GitHub's
            // answer, not our state, so it is a malformed answer, retried like a 5xx, never an NPE in a worker.
            throw GitHubException.malformed(what, 200, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new GitHubException(0, what + " failed: " + e.getClass().getSimpleName(), null, e);
        }
    }
}
