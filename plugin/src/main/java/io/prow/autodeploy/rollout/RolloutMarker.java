package io.prow.autodeploy.rollout;

import io.prow.autodeploy.github.Comment;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden marker that makes a failed or stuck rollout comment once per deploy: one of our comments on the merged
 * PR carries {@code <!-- autodeploy:rollout tag=<tag> state=failed|stuck|retried -->}. Read back from GitHub, so a
 * restart or a second replica neither comments twice nor holds again after oncall released the hold. Only the bot's
 * own comments count (anyone can paste a marker).
 */
public record RolloutMarker(String tag, State state) {
    public enum State { FAILED, STUCK, RETRIED }

    private static final Pattern MARKER = Pattern.compile(
            "<!-- autodeploy:rollout tag=(\\S+) state=(failed|stuck|retried) -->");

    public String render() {
        return "<!-- autodeploy:rollout tag=" + tag + " state=" + state.name().toLowerCase(Locale.ROOT) + " -->";
    }

    public static Optional<RolloutMarker> parse(String body) {
        Matcher m = MARKER.matcher(body == null ? "" : body);
        return m.find() ? Optional.of(new RolloutMarker(m.group(1), State.valueOf(m.group(2).toUpperCase(Locale.ROOT))))
                : Optional.empty();
    }

    /** Our oldest comment with a marker for {@code tag}, if any. */
    public static Optional<Comment> find(List<Comment> comments, String botLogin, String tag) {
        return comments.stream()
                .filter(c -> botLogin.equals(c.author()))
                .filter(c -> parse(c.body()).filter(m -> m.tag().equals(tag)).isPresent())
                .min(Comparator.comparingLong(Comment::id));
    }
}
