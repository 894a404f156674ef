package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.RepoRef;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stand-in for Prow's own {@code hold} plugin, which runs beside ours on every comment (it is on for the
 * kubernetes org): kubernetes-sigs/prow {@code pkg/plugins/hold/hold.go}. It reads a created comment on a PR with
 * {@code labelCancelRe = (?mi)^/(remove-hold|hold\s+cancel|unhold)(\s.*)?$} first, then
 * {@code labelRe = (?mi)^/hold(\s.*)?$}, and adds or removes {@code do-not-merge/hold} for <em>anyone</em> who
 * asks (no permission check), only when the label's presence differs. The regexes are translated to
 * java.util.regex as {@code ProwHoldParityTest} explains (UNIX_LINES, RE2's ASCII {@code \s} spelled out).
 * It changes the sandbox directly, as another bot would; the caller delivers the {@code pull_request}
 * {@code labeled}/{@code unlabeled} event GitHub would then send.
 */
public final class ProwHoldPlugin {
    /** pkg/labels/labels.go: {@code Hold = "do-not-merge/hold"}. */
    public static final String LABEL = "do-not-merge/hold";
    private static final Pattern HOLD = Pattern.compile("(?dmi)^/hold([\\t\\n\\f\\r ].*)?$");
    private static final Pattern CANCEL =
            Pattern.compile("(?dmi)^/(remove-hold|hold[\\t\\n\\f\\r ]+cancel|unhold)([\\t\\n\\f\\r ].*)?$");

    /** What the plugin did to the label: GitHub's {@code pull_request} action for it. */
    public enum Change {
        LABELED, UNLABELED;

        public String action() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final InMemoryGitHub gh;

    public ProwHoldPlugin(InMemoryGitHub gh) {
        this.gh = gh;
    }

    /** hold.go {@code handle} for a created comment on PR {@code number}: the label change it made, if any. */
    public Optional<Change> onCommentCreated(RepoRef repo, int number, String body) {
        boolean needsLabel;
        if (CANCEL.matcher(body).find()) {
            needsLabel = false;
        } else if (HOLD.matcher(body).find()) {
            needsLabel = true;
        } else {
            return Optional.empty();
        }
        // pkg/github/helpers.go HasLabel compares names with strings.EqualFold.
        boolean hasLabel = gh.peek(repo, number).labels().stream().anyMatch(LABEL::equalsIgnoreCase);
        if (hasLabel && !needsLabel) {
            gh.unlabel(repo, number, LABEL);
            return Optional.of(Change.UNLABELED);
        }
        if (!hasLabel && needsLabel) {
            gh.label(repo, number, LABEL);
            return Optional.of(Change.LABELED);
        }
        return Optional.empty();
    }
}
