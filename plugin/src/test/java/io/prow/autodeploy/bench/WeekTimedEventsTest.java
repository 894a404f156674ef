package io.prow.autodeploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.bench.GitHubProxy.Purpose;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The week report's timed events ({@link TimedEvent}): which requests an event's trace keeps, how its latency is
 * taken, which events are the slowest, and how a webhook is named. Not timed: the nanosecond stamps are made up.
 */
class WeekTimedEventsTest {
    static final LocalDateTime MONDAY_9 = LocalDateTime.of(2026, 11, 30, 9, 0);
    static final long SENT = 1_000_000_000L;

    /** A request arriving {@code atMs} after the webhook was sent, answered {@code tookMs} later. */
    static GitHubProxy.Request req(String method, String template, int status, boolean injected, double atMs,
                                   double tookMs) {
        long arrived = SENT + (long) (atMs * 1e6);
        return new GitHubProxy.Request(arrived, method, template, status, Purpose.DECISION, injected,
                arrived + (long) (tookMs * 1e6));
    }

    static Stream<Arguments> traces() {
        var pr = req("GET", "/repos/kubernetes/test-infra/pulls/{n}", 200, false, 3, 1);
        var checks = req("GET", "/repos/kubernetes/test-infra/commits/{sha}/status", 304, false, 6, 0.5);
        var fault = req("GET", "/repos/kubernetes/test-infra/issues/{n}/comments", 502, true, 7, 0);
        var status = req("POST", "/repos/kubernetes/test-infra/statuses/{sha}", 201, false, 12.5, 2);
        var label = req("POST", "/repos/kubernetes/test-infra/issues/{n}/labels", 200, false, 20, 2);
        return Stream.of(
                Arguments.of("only reads: not timed", List.of(pr, checks), -1.0, List.of()),
                Arguments.of("nothing at all: not timed", List.of(), -1.0, List.of()),
                Arguments.of("a write first: timed at it, one step", List.of(status), 12.5,
                        List.of("POST 201 12.5 2.0 false")),
                Arguments.of("reads, then the write: every step up to the write, the later write left out",
                        List.of(pr, checks, status, label), 12.5,
                        List.of("GET 200 3.0 1.0 false", "GET 304 6.0 0.5 false", "POST 201 12.5 2.0 false")),
                Arguments.of("an injected 502 on the way: kept and flagged, answered at once",
                        List.of(pr, fault, status), 12.5,
                        List.of("GET 200 3.0 1.0 false", "GET 502 7.0 0.0 true", "POST 201 12.5 2.0 false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void theTraceRunsToTheFirstWrite(String name, List<GitHubProxy.Request> requests, double millis,
                                     List<String> steps) {
        Optional<TimedEvent> e = TimedEvent.of(MONDAY_9, "pull_request opened", SENT, requests);
        if (millis < 0) {
            assertThat(e).as(name).isEmpty();
            return;
        }
        assertThat(e).as(name).isPresent();
        assertThat(e.get().millis()).as(name + ": latency").isCloseTo(millis, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(e.get().steps().stream().map(s -> String.format(java.util.Locale.ROOT, "%s %d %.1f %.1f %s",
                s.method(), s.status(), s.sentMillis(), s.tookMillis(), s.injected())).toList())
                .as(name + ": steps").isEqualTo(steps);
    }

    static TimedEvent event(int minute, double millis) {
        return new TimedEvent(MONDAY_9.plusMinutes(minute), "status success ctx-" + minute, millis, List.of());
    }

    static Stream<Arguments> selections() {
        var a = event(0, 40);
        var b = event(1, 12);
        var c = event(2, 90);
        var d = event(3, 40);
        var e = event(4, 7);
        var f = event(5, 55);
        var g = event(6, 3);
        return Stream.of(
                Arguments.of("none timed: none listed", List.of(), 5, List.of()),
                Arguments.of("fewer than asked: all, slowest first", List.of(a, b, c), 5, List.of(c, a, b)),
                Arguments.of("more than asked: the slowest five, slowest first", List.of(a, b, c, d, e, f, g), 5,
                        List.of(c, f, a, d, b)),
                Arguments.of("equal latencies: the earlier first, whatever the input order",
                        List.of(d, a, g), 2, List.of(a, d)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selections")
    void theSlowestAreListedSlowestFirst(String name, List<TimedEvent> events, int n, List<TimedEvent> expected) {
        assertThat(TimedEvent.slowest(events, n)).as(name).isEqualTo(expected);
    }

    static Stream<Arguments> webhooks() {
        return Stream.of(
                Arguments.of("pull_request: its action", "pull_request",
                        "{\"action\":\"opened\",\"number\":7,\"pull_request\":{\"state\":\"open\"}}",
                        "pull_request opened"),
                Arguments.of("status: its state and context (no action in a status payload)", "status",
                        "{\"sha\":\"abc\",\"state\":\"success\",\"context\":\"pull-test-infra-unit\"}",
                        "status success pull-test-infra-unit"),
                Arguments.of("a command comment: the command's first two words, first line only", "issue_comment",
                        "{\"action\":\"created\",\"comment\":{\"body\":\"/hold cancel\\nthanks all\"}}",
                        "issue_comment created /hold cancel"),
                Arguments.of("a comment without a command: no body shown", "issue_comment",
                        "{\"action\":\"created\",\"comment\":{\"body\":\"LGTM, ship it /hold\"}}",
                        "issue_comment created"),
                Arguments.of("markup in a command: dropped, never copied into the report", "issue_comment",
                        "{\"action\":\"created\",\"comment\":{\"body\":\"/hold <b>|x</b>\"}}",
                        "issue_comment created /hold bx/b"),
                Arguments.of("not JSON: the type alone", "push", "{not json", "push"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webhooks")
    void aWebhookIsNamedByTypeAndAction(String name, String type, String json, String expected) {
        assertThat(TimedEvent.describe(type, json)).as(name).isEqualTo(expected);
    }

    @Test
    void theReportShowsWhenWhatAndEachRequest() {
        var e = TimedEvent.of(MONDAY_9, "pull_request opened", SENT, List.of(
                req("GET", "/repos/kubernetes/test-infra/pulls/{n}", 502, true, 3.25, 0),
                req("POST", "/repos/kubernetes/test-infra/statuses/{sha}", 201, false, 230.04, 1.5))).orElseThrow();
        assertThat(e.render()).isEqualTo("""
                - **230.0 ms** MON 09:00: pull_request opened, 2 requests to the first write
                  - +3.3 ms GET /repos/kubernetes/test-infra/pulls/{n} -> 502 (injected fault), answered in 0.0 ms
                  - +230.0 ms POST /repos/kubernetes/test-infra/statuses/{sha} -> 201, answered in 1.5 ms
                """);
    }
}
