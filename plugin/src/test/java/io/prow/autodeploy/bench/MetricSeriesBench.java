package io.prow.autodeploy.bench;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

/**
 * What unauthenticated input costs in metrics (issue 17.1): 10,000 requests with random {@code X-GitHub-Event}
 * names and no valid signature, half to {@code /hook} and half to {@code /}. Series and the size of the scrape are
 * measured before and after; with labels from a fixed set neither grows with the number of names.
 */
final class MetricSeriesBench {
    static final int REQUESTS = 10_000;

    record Result(int seriesBefore, int seriesAfter, long scrapeBytesBefore, long scrapeBytesAfter, int non403) {}

    static Result run() throws Exception {
        BenchWorld world = new BenchWorld(1);
        Metrics metrics = Metrics.fresh();
        try (PluginApp app = world.app(world.gh, metrics, -1).start()) {
            BenchWorld.settle(app, world.clock);
            int seriesBefore = series(metrics);
            long bytesBefore = scrapeBytes(metrics);
            HttpClient http = HttpClient.newHttpClient();
            Random random = new Random(2539);
            int non403 = 0;
            for (int i = 0; i < REQUESTS; i++) {
                String event = "e" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
                HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                                + (i % 2 == 0 ? "/hook" : "/")))
                        .header("X-GitHub-Event", event).header("X-GitHub-Delivery", "d" + i)
                        .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() != 403) {
                    non403++;
                }
            }
            return new Result(seriesBefore, series(metrics), bytesBefore, scrapeBytes(metrics), non403);
        }
    }

    private static int series(Metrics metrics) {
        int n = 0;
        for (MetricSnapshot s : metrics.registry.scrape()) {
            n += s.getDataPoints().size();
        }
        return n;
    }

    private static long scrapeBytes(Metrics metrics) throws Exception {
        MetricSnapshots snapshots = metrics.registry.scrape();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        return out.size();
    }
}
