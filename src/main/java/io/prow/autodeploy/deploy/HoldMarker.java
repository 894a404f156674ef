package io.prow.autodeploy.deploy;

import io.prow.autodeploy.github.Comment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hold's who, why and since, kept in GitHub as a hidden marker in our comment on the autobump PR, so no local
 * state is needed and a new replica or the next PR can read it. The reason is base64url-encoded in the marker: a
 * comment author's text can never close the HTML comment or forge fields.
 */
public final class HoldMarker {
    private static final Pattern MARKER = Pattern.compile(
            "<!-- autodeploy:hold by=([A-Za-z0-9-\\[\\]]*) since=(\\S+) reason=([A-Za-z0-9_=-]*)"
                    + "(?: carried-from=(\\d+))? -->");

    private HoldMarker() {}

    public static String marker(HoldInfo hold, Integer carriedFrom) {
        String reason = Base64.getUrlEncoder().encodeToString(
                (hold.reason() == null ? "" : hold.reason()).getBytes(StandardCharsets.UTF_8));
        return "<!-- autodeploy:hold by=" + (hold.by() == null ? "" : hold.by().replaceAll("[^A-Za-z0-9-\\[\\]]", ""))
                + " since=" + hold.since() + " reason=" + reason
                + (carriedFrom == null ? "" : " carried-from=" + carriedFrom) + " -->";
    }

    public static Optional<HoldInfo> parse(String body) {
        Matcher m = MARKER.matcher(body == null ? "" : body);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            String reason = new String(Base64.getUrlDecoder().decode(m.group(3)), StandardCharsets.UTF_8);
            return Optional.of(new HoldInfo(m.group(1).isEmpty() ? null : m.group(1), reason,
                    Instant.parse(m.group(2))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static boolean isCarryMarker(String body) {
        Matcher m = MARKER.matcher(body == null ? "" : body);
        return m.find() && m.group(4) != null;
    }

    /** The newest hold marker the bot wrote among {@code comments}. */
    public static Optional<HoldInfo> latest(List<Comment> comments, String botLogin) {
        return comments.stream().filter(c -> botLogin.equals(c.author()))
                .sorted(Comparator.comparingLong(Comment::id).reversed())
                .map(c -> parse(c.body())).flatMap(Optional::stream).findFirst();
    }
}
