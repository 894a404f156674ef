package io.prow.autodeploy.server;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /}: the status model ({@link StatusJson}) as one small server-rendered HTML page, no JavaScript. Every
 * piece of text is escaped: PR titles, hold reasons and gate reasons come from GitHub users and are data, never
 * markup. Links are only emitted for http(s) URLs, so a {@code javascript:} URL cannot become a link.
 */
public final class StatusPage {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE MMM d HH:mm", Locale.ROOT);
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
            h1{font-size:1.4rem}h2{font-size:1.2rem;margin:0 0 .5rem}h3{font-size:1rem;margin:1rem 0 .3rem}
            section{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
            table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eee}
            .open{color:#176f2c;font-weight:600}.closed{color:#b3261e;font-weight:600}
            .muted{color:#666}.warn{background:#fff4e5;padding:.3rem .5rem}code{font-size:.95em}""";

    private StatusPage() {}

    public static String render(StatusJson.Status s) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>prow-autodeploy status</title><style>").append(STYLE).append("</style></head>\n<body>")
                .append("<h1>prow-autodeploy</h1><p class=\"muted\">As of ").append(esc(s.generatedAt().toString()))
                .append(" · <a href=\"status.json\">status.json</a></p>\n");
        s.repos().forEach(r -> repo(h, r, s.generatedAt()));
        return h.append("</body></html>\n").toString();
    }

    private static void repo(StringBuilder h, StatusJson.RepoStatus r, Instant now) {
        ZoneId zone = ZoneId.of(r.window().timezone());
        h.append("<section id=\"").append(esc(r.repo())).append("\"><h2>").append(esc(r.repo()))
                .append(" <span class=\"muted\">→ ").append(esc(r.baseBranch())).append("</span></h2>\n");
        if (r.lastFailureAt() != null) {
            h.append("<p class=\"warn\">Could not read GitHub at ").append(esc(when(r.lastFailureAt(), zone)))
                    .append("; what follows may be out of date.</p>\n");
        }
        h.append("<p class=\"deployed\">Deployed: ");
        if (r.deployed() == null) {
            h.append("<strong>unknown yet</strong> <span class=\"muted\">(no deploy seen in recent PRs)</span>");
        } else {
            StatusJson.DeployJson d = r.deployed();
            h.append("<strong class=\"tag\">").append(esc(d.tag())).append("</strong> by ").append(esc(d.kind()))
                    .append(' ').append(link(d.url(), "#" + d.number())).append(", merged ")
                    .append(esc(when(d.mergedAt(), zone))).append(" (").append(ago(d.mergedAt(), now)).append(")");
        }
        h.append("</p>\n");
        rollout(h, r.rollout(), zone);
        h.append("<p class=\"hold\">Hold: ");
        if (r.hold() == null) {
            h.append("none");
        } else {
            h.append("<span class=\"closed\">").append(esc(r.hold().text())).append("</span>");
            if (r.hold().since() != null) {
                h.append(" since ").append(esc(when(r.hold().since(), zone)));
            }
        }
        h.append("</p>\n");
        window(h, r.window(), zone);
        if (r.openPullRequests().isEmpty()) {
            h.append("<h3>Open autobump PR</h3><p>None open.</p>\n");
        }
        r.openPullRequests().forEach(pr -> openPr(h, pr));
        delivery(h, r.delivery());
        deploys(h, r.recentDeploys(), zone);
        h.append("<p class=\"muted\">Last read from GitHub: ")
                .append(r.seenAt() == null ? "not yet" : esc(when(r.seenAt(), zone))).append("</p></section>\n");
    }

    /** The deploy merged but not running (yet): "v… merged 10:02, rolling out: 4/6 containers", beside the deployed. */
    private static void rollout(StringBuilder h, StatusJson.RolloutJson r, ZoneId zone) {
        if (r == null || r.deploy() == null || "running".equals(r.phase()) || "not_followed".equals(r.phase())) {
            return;
        }
        boolean bad = "failed".equals(r.phase()) || "stuck".equals(r.phase());
        h.append("<p class=\"rollout\">In flight: <strong class=\"tag\">").append(esc(r.deploy().tag()))
                .append("</strong> ").append(link(r.deploy().url(), "#" + r.deploy().number())).append(" merged ")
                .append(esc(HH_MM.format(r.deploy().mergedAt().atZone(zone)))).append(", <span class=\"")
                .append(bad ? "closed" : "muted").append("\">").append(esc(r.detail())).append("</span>");
        if (r.failedJobUrl() != null) {
            h.append(" (").append(link(r.failedJobUrl(), "job")).append(')');
        }
        h.append("</p>\n");
    }

    /** The four delivery figures and the 30-day chart (inline SVG, no script). */
    private static void delivery(StringBuilder h, StatusJson.DeliveryJson d) {
        if (d == null) {
            return;
        }
        h.append("<h3>Delivery, last ").append(d.periodDays()).append(" days</h3><p class=\"delivery\">")
                .append(d.deploys()).append(" deploys (").append(String.format(Locale.ROOT, "%.2f", d.deploysPerDay()))
                .append("/day) · lead time ").append(seconds(d.leadTimeSeconds())).append(" · change failure rate ")
                .append(d.changeFailureRate() == null ? "n/a" : Math.round(d.changeFailureRate() * 100) + "%")
                .append(" · time to restore ").append(seconds(d.timeToRestoreSeconds())).append("</p>\n")
                .append(DeliveryChart.svg(d.days())).append('\n');
    }

    private static String seconds(Long s) {
        if (s == null) {
            return "n/a";
        }
        Duration d = Duration.ofSeconds(s);
        return d.toHours() > 0 ? d.toHours() + "h" + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "")
                : d.toMinutes() + "m";
    }

    private static void window(StringBuilder h, StatusJson.WindowJson w, ZoneId zone) {
        h.append("<p class=\"window\">Deploy window: ")
                .append(esc(String.join(",", w.days().stream().map(d -> d.substring(0, 3)).toList()))).append(' ')
                .append(esc(w.hours())).append(' ').append(esc(w.timezone()));
        if (!w.blackouts().isEmpty()) {
            h.append(", blackouts ").append(esc(String.join(", ", w.blackouts())));
        }
        if (w.openNow()) {
            h.append(" — <span class=\"open\">open now</span>");
            if (w.closesAt() != null) {
                h.append(", closes ").append(esc(when(w.closesAt(), zone)));
            }
        } else {
            h.append(" — <span class=\"closed\">closed</span>, opens ")
                    .append(w.nextOpening() == null ? "never (check the config)" : esc(when(w.nextOpening(), zone)));
        }
        h.append("</p>\n");
    }

    private static void openPr(StringBuilder h, StatusJson.OpenPr pr) {
        h.append("<h3>Open autobump PR ").append(link(pr.url(), "#" + pr.number())).append(": ")
                .append(esc(pr.title())).append("</h3>\n<p class=\"status\">Status: <span class=\"")
                .append(pr.deploying() ? "open" : "closed").append("\">").append(esc(pr.status())).append("</span>");
        if (pr.waitingSeconds() > 0) {
            h.append(" <span class=\"muted\">(green and waiting for ")
                    .append(esc(span(Duration.ofSeconds(pr.waitingSeconds())))).append(")</span>");
        }
        h.append("</p>\n<table class=\"gates\"><tr><th>gate</th><th>state</th><th>reason</th></tr>\n");
        for (StatusJson.GateJson g : pr.gates()) {
            h.append("<tr><td>").append(esc(g.gate())).append("</td><td class=\"").append(g.open() ? "open" : "closed")
                    .append("\">").append(g.open() ? "open" : "closed").append("</td><td>").append(esc(g.reason()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void deploys(StringBuilder h, List<StatusJson.DeployJson> deploys, ZoneId zone) {
        h.append("<h3>Last deploys and rollbacks</h3>\n");
        if (deploys.isEmpty()) {
            h.append("<p>None seen in recent PRs.</p>\n");
            return;
        }
        h.append("<table class=\"deploys\"><tr><th>tag</th><th>kind</th><th>PR</th><th>merged</th></tr>\n");
        for (StatusJson.DeployJson d : deploys) {
            h.append("<tr><td><code>").append(esc(d.tag())).append("</code></td><td>").append(esc(d.kind()))
                    .append("</td><td>").append(link(d.url(), "#" + d.number())).append("</td><td>")
                    .append(esc(when(d.mergedAt(), zone))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** A link for http(s) URLs; anything else (javascript:, data:, missing) is shown as plain text. */
    static String link(String url, String text) {
        boolean web = url != null && (url.startsWith("https://") || url.startsWith("http://"));
        return web ? "<a href=\"" + esc(url) + "\">" + esc(text) + "</a>" : esc(text);
    }

    /**
     * HTML-escapes text for element content and quoted attributes. Written here because no dependency declared in
     * the pom offers it: Jetty's {@code StringUtil.sanitizeXmlString} is only reachable through Javalin, and this
     * class is meant to stay framework-free. Five characters are all it takes; {@code StatusPageTest} pins them.
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Wall time in the repo's window zone, as the gate reasons show it. */
    static String when(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone)) + " " + zone.getId();
    }

    static String ago(Instant t, Instant now) {
        Duration d = Duration.between(t, now);
        return d.isNegative() ? "just now" : span(d) + " ago";
    }

    /** Days, hours and minutes: precise enough for people, and no seconds ticking by between reloads. */
    static String span(Duration d) {
        if (d.toMinutes() < 1) {
            return "under a minute";
        }
        String out = (d.toDays() > 0 ? d.toDays() + "d " : "") + (d.toHoursPart() > 0 ? d.toHoursPart() + "h " : "")
                + (d.toMinutesPart() > 0 ? d.toMinutesPart() + "m" : "");
        return out.strip();
    }
}
