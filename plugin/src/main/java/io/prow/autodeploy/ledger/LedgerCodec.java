package io.prow.autodeploy.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one format of our records on GitHub: an HTML comment (GitHub does not render it) in a comment the bot wrote,
 * {@code <!-- autodeploy:KIND[=ID] key=value ... flag -->}. Every marker the plugin ever wrote has this shape
 * (hold, approve-deploy, deploy-now, retest, breaking-changes, auto-rollback, reply-to), so records on real PRs from
 * earlier versions read back unchanged. Values cannot hold whitespace, {@code <} or {@code >} (so never
 * {@code -->}); people's text is base64url. Bounded: a comment is read up to GitHub's 65,536 characters, at most
 * {@value #MAX_PER_COMMENT} markers, each of bounded length, with a pattern that cannot backtrack badly (tokens are
 * split by single spaces and hold none).
 */
public final class LedgerCodec {
    static final int MAX_PER_COMMENT = 8;
    static final int MAX_BODY = 65_536;
    private static final Pattern MARKER = Pattern.compile(
            "<!-- autodeploy:([a-z][a-z-]{0,40})(?:=([^\\s<>]{0,100}))?((?: [^\\s<>]{1,4000}){0,24}) -->");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z-]{0,40}");
    private static final Pattern VALUE = Pattern.compile("[^\\s<>]{0,4000}");
    private static final Pattern LOGIN = Pattern.compile("[^A-Za-z0-9-\\[\\]]");

    private LedgerCodec() {}

    public static String render(Marker m) {
        StringBuilder b = new StringBuilder("<!-- autodeploy:").append(name(m.kind()));
        if (m.id() != null) {
            b.append('=').append(value(m.id()));
        }
        m.fields().forEach((k, v) -> b.append(' ').append(name(k)).append('=').append(value(v)));
        m.flags().forEach(f -> b.append(' ').append(name(f)));
        return b.append(" -->").toString();
    }

    /** Every marker in {@code body}, in order (at most {@value #MAX_PER_COMMENT}). */
    public static List<Marker> parseAll(String body) {
        if (body == null || !body.contains("<!-- autodeploy:")) {
            return List.of();
        }
        String text = body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body;
        List<Marker> out = new ArrayList<>();
        Matcher m = MARKER.matcher(text);
        while (out.size() < MAX_PER_COMMENT && m.find()) {
            Map<String, String> fields = new LinkedHashMap<>();
            Set<String> flags = new TreeSet<>();
            for (String token : m.group(3).trim().split(" ")) {
                int eq = token.indexOf('=');
                if (token.isEmpty()) {
                    continue;
                }
                if (eq > 0) {
                    fields.putIfAbsent(token.substring(0, eq), token.substring(eq + 1));
                } else {
                    flags.add(token);
                }
            }
            out.add(new Marker(m.group(1), m.group(2), fields, flags));
        }
        return out;
    }

    /** People's text (a reason) for a marker field: base64url, so it can never close or forge a marker. */
    public static String text(String peoples) {
        return Base64.getUrlEncoder().encodeToString((peoples == null ? "" : peoples).getBytes(StandardCharsets.UTF_8));
    }

    /** The text of a {@link #text} field; empty when it is not base64url (a record we cannot read). */
    public static Optional<String> untext(String b64) {
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(b64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A GitHub login as a field value: only the characters logins (and app bots' {@code [bot]}) have. */
    public static String login(String login) {
        return login == null ? "" : LOGIN.matcher(login).replaceAll("");
    }

    public static Optional<Instant> instant(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String name(String n) {
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("not a marker name: " + n);
        }
        return n;
    }

    private static String value(String v) {
        if (!VALUE.matcher(v).matches()) {
            throw new IllegalArgumentException("not a marker value (whitespace, < or >): " + v);
        }
        return v;
    }

    /** {@code body} with every marker of {@code kind} taken out and {@code replacement} appended on its own line. */
    public static String replace(String body, String kind, Marker replacement) {
        StringBuilder out = new StringBuilder();
        Matcher m = MARKER.matcher(body);
        int last = 0;
        while (m.find()) {
            if (m.group(1).equals(kind)) {
                out.append(body, last, m.start());
                last = m.end();
            }
        }
        out.append(body.substring(last));
        return out.toString().stripTrailing() + "\n" + replacement.render();
    }
}
