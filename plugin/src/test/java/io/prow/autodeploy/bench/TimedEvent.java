package io.prow.autodeploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One event the week delivered after which the plugin wrote to GitHub: when (local time of the model's zone), what
 * it was, the latency from sending the webhook to the first write's arrival at the proxy, and the requests the
 * plugin made for it up to and including that write. The replay settles the plugin before each timed event, so the
 * requests that reach the proxy meanwhile are this event's. Where a timed event spent its time is what the list of
 * the week's slowest ({@link #slowest}) is for.
 *
 * @param steps the requests, in arrival order, up to and including the first write
 */
record TimedEvent(LocalDateTime at, String what, double millis, List<Step> steps) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request: {@code sentMillis} from sending the webhook to the request's arrival at the proxy,
     * {@code tookMillis} from its arrival to its answer being ready (GitHub's share; 0 for an injected fault).
     */
    record Step(String method, String template, int status, boolean injected, double sentMillis,
                double tookMillis) {}

    /**
     * The timed event, or none when nothing the plugin did after it was a write. {@code requests}: what reached the
     * proxy from sending the webhook until the plugin was idle again.
     */
    static Optional<TimedEvent> of(LocalDateTime at, String what, long sentNanos,
                                   List<GitHubProxy.Request> requests) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).write()) {
                List<Step> steps = requests.subList(0, i + 1).stream().map(r -> new Step(r.method(), r.template(),
                        r.status(), r.injected(), (r.arrivedNanos() - sentNanos) / 1e6,
                        (r.answeredNanos() - r.arrivedNanos()) / 1e6)).toList();
                return Optional.of(new TimedEvent(at, what, steps.get(i).sentMillis(), steps));
            }
        }
        return Optional.empty();
    }

    /** The {@code n} slowest, slowest first; equal latencies in the order they happened. */
    static List<TimedEvent> slowest(List<TimedEvent> events, int n) {
        return events.stream().sorted(Comparator.comparingDouble(TimedEvent::millis).reversed()
                .thenComparing(TimedEvent::at)).limit(n).toList();
    }

    /**
     * What a webhook was, in a few words: its type, then its action (or a status's state and context), and a
     * comment's command ("issue_comment created /hold cancel"). Only the leading {@code /word word} of a comment is
     * kept (a command's name and argument), so people's text does not reach the report.
     */
    static String describe(String type, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException | RuntimeException e) {
            return type;
        }
        StringBuilder b = new StringBuilder(type);
        if (root.hasNonNull("action")) {
            b.append(' ').append(root.get("action").asText());
        }
        if ("status".equals(type)) {
            b.append(' ').append(root.path("state").asText()).append(' ').append(root.path("context").asText());
        }
        String body = root.path("comment").path("body").asText("").strip();
        if (body.startsWith("/")) {
            String command = body.lines().findFirst().orElse("").replaceAll("[^/a-zA-Z0-9 _-]", "");
            String[] words = command.strip().split(" +");
            b.append(' ').append(String.join(" ", List.of(words).subList(0, Math.min(2, words.length))));
        }
        return b.toString();
    }

    /** A heading line and one line per request, as markdown. */
    String render() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "- **%.1f ms** %s %s: %s, %d request%s to "
                        + "the first write%n", millis, at.getDayOfWeek().toString().substring(0, 3), at.toLocalTime(),
                what, steps.size(), steps.size() == 1 ? "" : "s"));
        for (Step s : steps) {
            b.append(String.format(Locale.ROOT, "  - +%.1f ms %s %s -> %s, answered in %.1f ms%n", s.sentMillis(),
                    s.method(), s.template(), s.status() + (s.injected() ? " (injected fault)" : ""),
                    s.tookMillis()));
        }
        return b.toString();
    }
}
