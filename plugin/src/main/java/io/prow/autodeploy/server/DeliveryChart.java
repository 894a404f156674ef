package io.prow.autodeploy.server;

import java.util.List;

/**
 * A small server-rendered SVG bar chart of the last 30 days' deploys (failed ones in red on top), inline in the
 * status page: no script and no external resource, so the page's Content-Security-Policy ({@code default-src
 * 'none'; style-src 'unsafe-inline'}) is unchanged: inline {@code <svg>} is markup, not a fetched resource, and only
 * presentation attributes are used. Each bar carries a {@code <title>} (date and counts) for hover and screen readers.
 */
final class DeliveryChart {
    static final int WIDTH = 300;
    static final int HEIGHT = 60;

    private DeliveryChart() {}

    static String svg(List<StatusJson.DayJson> days) {
        int max = Math.max(1, days.stream().mapToInt(StatusJson.DayJson::deploys).max().orElse(1));
        double slot = WIDTH / (double) Math.max(1, days.size());
        StringBuilder b = new StringBuilder(256 + days.size() * 160);
        b.append("<svg class=\"delivery\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT + 12).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT + 12).append("\" role=\"img\" aria-label=\"deploys per day, last ").append(days.size())
                .append(" days\"><line x1=\"0\" y1=\"").append(HEIGHT).append("\" x2=\"").append(WIDTH)
                .append("\" y2=\"").append(HEIGHT).append("\" stroke=\"#ccc\"/>");
        for (int i = 0; i < days.size(); i++) {
            StatusJson.DayJson d = days.get(i);
            if (d.deploys() == 0) {
                continue;
            }
            double x = i * slot + 1;
            double w = Math.max(1, slot - 2);
            int h = (int) Math.round(HEIGHT * d.deploys() / (double) max);
            int hf = (int) Math.round(HEIGHT * d.failed() / (double) max);
            b.append("<g><title>").append(StatusPage.esc(d.date())).append(": ").append(d.deploys())
                    .append(d.deploys() == 1 ? " deploy" : " deploys").append(d.failed() > 0 ? ", " + d.failed()
                            + " failed" : "").append("</title><rect x=\"").append(fmt(x)).append("\" y=\"")
                    .append(HEIGHT - h).append("\" width=\"").append(fmt(w)).append("\" height=\"").append(h)
                    .append("\" fill=\"#3b73b9\"/>");
            if (hf > 0) {
                b.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - h).append("\" width=\"")
                        .append(fmt(w)).append("\" height=\"").append(hf).append("\" fill=\"#b3261e\"/>");
            }
            b.append("</g>");
        }
        if (!days.isEmpty()) {
            b.append("<text x=\"0\" y=\"").append(HEIGHT + 11).append("\" font-size=\"10\" fill=\"#666\">")
                    .append(StatusPage.esc(days.get(0).date())).append("</text><text x=\"").append(WIDTH)
                    .append("\" y=\"").append(HEIGHT + 11).append("\" font-size=\"10\" fill=\"#666\" "
                            + "text-anchor=\"end\">").append(StatusPage.esc(days.get(days.size() - 1).date()))
                    .append("</text>");
        }
        return b.append("</svg>").toString();
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
