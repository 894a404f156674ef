package io.prow.autodeploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.bench.GitHubProxy.Purpose;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The week's "faults" column and its "charged that were injected faults" row: of the charged requests, those the
 * proxy answered with an injected fault (GitHub never saw them). They stay charged (the conservative reading).
 */
class WeekFaultShareTest {
    static GitHubProxy.Request req(String method, int status, boolean injected) {
        return new GitHubProxy.Request(0, method, "/repos/kubernetes/test-infra/pulls/{n}", status, Purpose.SWEEP,
                injected, 0);
    }

    static WeekReplay.Day day(LocalDate date, List<GitHubProxy.Request> requests) {
        return new WeekReplay.Day(date, 0, requests, 14, List.of(), 0, Map.of(), List.of());
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("an ETag 304: neither charged nor a fault", req("GET", 304, false), false, false),
                Arguments.of("GitHub's 200: charged, not a fault", req("GET", 200, false), true, false),
                Arguments.of("GitHub's own 404: charged, not a fault", req("GET", 404, false), true, false),
                Arguments.of("a write GitHub answered 201: charged, not a fault", req("POST", 201, false), true,
                        false),
                Arguments.of("an injected 502: charged and a fault", req("GET", 502, true), true, true),
                Arguments.of("the outage's injected 503 on a write: charged and a fault", req("POST", 503, true),
                        true, true),
                Arguments.of("the injected secondary rate limit (403): charged and a fault", req("GET", 403, true),
                        true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void aRequestIsAChargedFaultOnlyWhenInjected(String name, GitHubProxy.Request r, boolean charged,
                                                 boolean fault) {
        WeekReplay.Day d = day(LocalDate.of(2026, 11, 30), List.of(r));
        assertThat(d.charged()).as(name + ": charged").isEqualTo(charged ? 1 : 0);
        assertThat(d.faults()).as(name + ": faults").isEqualTo(fault ? 1 : 0);
    }

    @Test
    void theWeekSumsItsDaysFaults() {
        WeekReplay.Day monday = day(LocalDate.of(2026, 11, 30), List.of(req("GET", 502, true), req("GET", 200, false),
                req("GET", 304, false)));
        WeekReplay.Day wednesday = day(LocalDate.of(2026, 12, 2), List.of(req("GET", 503, true),
                req("POST", 503, true), req("POST", 201, false)));
        WeekReplay.Week week = new WeekReplay.Week(1, false, List.of(monday, wednesday), 0);
        assertThat(List.of(monday.faults(), wednesday.faults(), week.faults(), week.charged()))
                .as("faults Mon, Wed, week; charged week").containsExactly(1L, 2L, 3L, 5L);
        assertThat(WeekReport.share(week.faults(), week.charged())).isEqualTo("3 of 5 (60.0%)");
    }

    static Stream<Arguments> shares() {
        return Stream.of(
                Arguments.of("none", 0L, 665L, "0 of 665 (0.0%)"),
                Arguments.of("a few", 12L, 665L, "12 of 665 (1.8%)"),
                Arguments.of("all", 7L, 7L, "7 of 7 (100.0%)"),
                Arguments.of("nothing charged: no percentage of nothing", 0L, 0L, "0 of 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shares")
    void theShareIsPrintedAsPartOfWhole(String name, long part, long whole, String expected) {
        assertThat(WeekReport.share(part, whole)).as(name).isEqualTo(expected);
    }
}
