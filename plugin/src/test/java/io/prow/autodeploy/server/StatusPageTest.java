package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTML page treats everything from GitHub (titles, hold reasons, gate reasons, URLs) as text. */
class StatusPageTest {
    private static final Instant NOW = Instant.parse("2026-11-25T18:30:00Z");
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ATTR_BREAK = "\"><img src=x onerror=alert(2)>";

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("plain text is unchanged", "Update Prow to v20261125-1a2b3c4d5e",
                        "Update Prow to v20261125-1a2b3c4d5e"),
                Arguments.of("tags become text", SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
                Arguments.of("quotes cannot end an attribute", ATTR_BREAK,
                        "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"),
                Arguments.of("single quotes too", "it's", "it&#39;s"),
                Arguments.of("ampersands first, so entities stay literal", "&lt;", "&amp;lt;"),
                Arguments.of("null is empty", null, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void escapesText(String name, String in, String out) {
        assertThat(StatusPage.esc(in)).isEqualTo(out);
    }

    static Stream<Arguments> links() {
        return Stream.of(
                Arguments.of("https is a link", "https://github.com/o/r/pull/1",
                        "<a href=\"https://github.com/o/r/pull/1\">#1</a>"),
                Arguments.of("javascript: is text", "javascript:alert(1)", "#1"),
                Arguments.of("data: is text", "data:text/html,<b>x</b>", "#1"),
                Arguments.of("missing is text", null, "#1"),
                Arguments.of("quotes in a URL are escaped", "https://x/\"onmouseover=\"alert(1)",
                        "<a href=\"https://x/&quot;onmouseover=&quot;alert(1)\">#1</a>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("links")
    void linksOnlyWebUrls(String name, String url, String html) {
        assertThat(StatusPage.link(url, "#1")).isEqualTo(html);
    }

    @Test
    void hostileTitlesReasonsAndUrlsRenderAsText() {
        StatusJson.Status s = new StatusJson.Status(NOW, List.of(new StatusJson.RepoStatus("kubernetes/test-infra",
                "master",
                new StatusJson.DeployJson("v20261125-1a2b3c4d5e", "autobump", 7, "javascript:alert(3)",
                        Instant.parse("2026-11-25T18:10:00Z")),
                new StatusJson.HoldJson("mallory", SCRIPT, NOW, "Held by @mallory: " + SCRIPT),
                new StatusJson.WindowJson("America/Los_Angeles", List.of("MONDAY", "TUESDAY"), "09:00-17:00",
                        List.of(), true, NOW, Instant.parse("2026-11-26T01:00:00Z")),
                List.of(new StatusJson.OpenPr(8, "Update Prow to " + ATTR_BREAK, "https://github.com/o/r/pull/8",
                        null, "abc", false, "Held by @mallory: " + SCRIPT,
                        List.of(new StatusJson.GateJson("hold", false, "Held by @mallory: " + SCRIPT, null)), 0)),
                List.of(), NOW, null)));

        String html = StatusPage.render(s);

        assertThat(html).doesNotContain(SCRIPT).doesNotContain(ATTR_BREAK).doesNotContain("javascript:")
                .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<script")
                .contains("Held by @mallory: &lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Update Prow to &quot;&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("<a href=\"https://github.com/o/r/pull/8\">#8</a>")
                .contains("Deploy window: MON,TUE 09:00-17:00 America/Los_Angeles")
                .contains("closes Wed Nov 25 17:00 America/Los_Angeles")
                .contains("merged Wed Nov 25 10:10 America/Los_Angeles (20m ago)");
    }

    static Stream<Arguments> spans() {
        return Stream.of(
                Arguments.of("seconds", 59L, "under a minute"),
                Arguments.of("minutes", 20 * 60L, "20m"),
                Arguments.of("whole hours", 2 * 3600L, "2h"),
                Arguments.of("days hours minutes", 86400L + 3 * 3600 + 4 * 60 + 5, "1d 3h 4m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spans")
    void spansArePlainAndCoarse(String name, long seconds, String text) {
        assertThat(StatusPage.span(java.time.Duration.ofSeconds(seconds))).isEqualTo(text);
    }
}
