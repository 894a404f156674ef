package io.prow.autodeploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.stream.Collectors;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitPointer;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;

/** kohsuke (and raw JSON) objects → our value types. Only reads fields already in the answer: no lazy fetches. */
final class KohsukeMapping {
    private KohsukeMapping() {}

    static PullRequest pullRequest(RepoRef repo, GHPullRequest pr) throws IOException {
        GHCommitPointer head = pr.getHead();
        GHRepository headRepo = head.getRepository();
        // A deleted fork leaves head.repo null; head.user still names the owner.
        String headOwner = headRepo != null && headRepo.getOwnerName() != null
                ? headRepo.getOwnerName()
                : head.getUser() == null ? null : head.getUser().getLogin();
        return new PullRequest(
                repo,
                pr.getNumber(),
                pr.getTitle(),
                pr.getBody(),
                pr.getUser() == null ? null : pr.getUser().getLogin(),
                headOwner,
                head.getRef(),
                head.getSha(),
                pr.getBase().getRef(),
                pr.getState() == GHIssueState.OPEN,
                instant(pr.getCreatedAt()),
                instant(pr.getClosedAt()),
                instant(pr.getMergedAt()),
                pr.getLabels().stream().map(GHLabel::getName).collect(Collectors.toSet()),
                text(pr.getHtmlUrl()),
                headRepo == null ? null : headRepo.getFullName(),
                pr.getMergedAt() != null ? mergeCommitSha(pr) : null);
    }

    private static final java.lang.reflect.Field MERGE_COMMIT_SHA = mergeCommitShaField();

    /**
     * The {@code merge_commit_sha} GitHub sent in the list or single answer. Not {@code getMergeCommitSha()}: kohsuke
     * "populates" first, one extra GET per PR of the page of closed PRs every decision reads.
     */
    private static String mergeCommitSha(GHPullRequest pr) {
        try {
            return MERGE_COMMIT_SHA == null ? null : (String) MERGE_COMMIT_SHA.get(pr);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static java.lang.reflect.Field mergeCommitShaField() {
        try {
            java.lang.reflect.Field f = GHPullRequest.class.getDeclaredField("merge_commit_sha");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a kohsuke without the field: rollouts are then not followed (the tracker says so)
        }
    }

    static Comment comment(GHIssueComment c) throws IOException {
        return new Comment(c.getId(), c.getUserName(), c.getBody(), instant(c.getCreatedAt()), text(c.getHtmlUrl()));
    }

    /** Anything but a finished run is pending; a finished run passes on success, neutral or skipped. */
    static Check checkRun(GHCheckRun run) {
        Check.State state;
        if (run.getStatus() != GHCheckRun.Status.COMPLETED) {
            state = Check.State.PENDING;
        } else {
            GHCheckRun.Conclusion c = run.getConclusion();
            state = c == GHCheckRun.Conclusion.SUCCESS || c == GHCheckRun.Conclusion.NEUTRAL
                    || c == GHCheckRun.Conclusion.SKIPPED ? Check.State.SUCCESS : Check.State.FAILURE;
        }
        String description = run.getOutput() == null ? "" : nullToEmpty(run.getOutput().getTitle());
        URL url = run.getDetailsUrl() != null ? run.getDetailsUrl() : run.getHtmlUrl();
        return new Check(run.getName(), state, description, text(url));
    }

    /** One entry of the combined status' {@code statuses} array. */
    static Check commitStatus(JsonNode status) {
        // Anything but success or pending counts as a failure: an unknown state never opens the tests gate.
        Check.State state = Check.State.ofCommitStatus(status.path("state").asText(""))
                .orElse(Check.State.FAILURE);
        return new Check(status.path("context").asText(), state, status.path("description").asText(""),
                status.path("target_url").isTextual() ? status.path("target_url").asText() : null);
    }

    /**
     * {@code role_name} (newer servers) distinguishes maintain/triage; the legacy {@code permission} field only
     * knows admin/write/read/none, and is the fallback for custom role names.
     */
    static Permission permission(JsonNode answer) {
        Permission byRole = permissionWord(answer.path("role_name").asText(""));
        if (byRole != null) {
            return byRole;
        }
        Permission legacy = permissionWord(answer.path("permission").asText(""));
        return legacy == null ? Permission.NONE : legacy;
    }

    private static Permission permissionWord(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "admin" -> Permission.ADMIN;
            case "maintain", "write" -> Permission.WRITE;
            case "triage", "read" -> Permission.READ;
            case "none" -> Permission.NONE;
            default -> null;
        };
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String text(URL url) {
        return url == null ? null : url.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
