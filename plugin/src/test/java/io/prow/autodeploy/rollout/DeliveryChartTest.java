package io.prow.autodeploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.server.StatusJson;
import io.prow.autodeploy.server.StatusPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The four figures and the 30-day chart on the status page: inline SVG, no script, no external resource. */
class DeliveryChartTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void figuresAndChart() {
        List<StatusJson.DayJson> days = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            days.add(new StatusJson.DayJson(String.format("2026-11-%02d", i), i == 3 ? 2 : i == 10 ? 1 : 0,
                    i == 3 ? 1 : 0));
        }
        StatusJson.DeliveryJson d = new StatusJson.DeliveryJson(30, 3, 0.1, 5400L, 0.333, 2700L, 1, days);
        StatusJson.WindowJson window = new StatusJson.WindowJson("UTC", List.of("MON"), "09:00-17:00", List.of(),
                true, NOW, null);
        String html = StatusPage.render(new StatusJson.Status(NOW, List.of(new StatusJson.RepoStatus("o/r", "main",
                null, null, window, List.of(), List.of(), NOW, null, null, d))));
        assertThat(html).contains("<h3>Delivery, last 30 days</h3>",
                        "3 deploys (0.10/day) · lead time 1h30m · change failure rate 33% · time to restore 45m",
                        "<svg class=\"delivery\"", "<title>2026-11-03: 2 deploys, 1 failed</title>",
                        "<title>2026-11-10: 1 deploy</title>", "fill=\"#b3261e\"")
                .doesNotContain("<script", "href=\"http://www.w3.org", "<image", "xlink:href");
        assertThat(html.split("<rect ", -1)).hasSize(1 + 3); // two days with deploys, one failed overlay
    }
}
