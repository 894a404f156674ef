package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.sandbox.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Cache;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: ETag cache entries nobody asked for in a day go, so the cache's entry count stays flat for months. */
class EtagCacheExpiryTest {
    @TempDir
    Path dir;

    private static MockResponse cacheable(String body) {
        return new MockResponse.Builder().code(200).body(body).addHeader("Content-Type", "application/json")
                .addHeader("ETag", "\"" + body.hashCode() + "\"").addHeader("Cache-Control", "private, max-age=60")
                .build();
    }

    private static int entries(Cache cache) throws Exception {
        int n = 0;
        for (Iterator<String> it = cache.urls(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    private static void get(OkHttpClient http, MockWebServer server, String path) throws Exception {
        try (Response r = http.newCall(new Request.Builder().url(server.url(path)).build()).execute()) {
            r.body().string();
        }
    }

    @Test
    void anEntryIdleForADayIsRemovedAndOneInUseStays() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-30T17:00:00Z"));
        Cache cache = new Cache(Files.createDirectories(dir.resolve("c")).toFile(), 1024 * 1024);
        EtagCacheExpiry expiry = new EtagCacheExpiry(cache, clock);
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(expiry).cache(cache).build();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            for (int i = 0; i < 4; i++) {
                server.enqueue(cacheable("{\"n\":" + i + "}"));
            }
            get(http, server, "/repos/o/r/commits/closed-pr-head/status");
            get(http, server, "/repos/o/r/pulls/7");
            assertThat(entries(cache)).isEqualTo(2);

            clock.advance(Duration.ofHours(20));
            get(http, server, "/repos/o/r/pulls/7?x"); // a different URL keeps nothing else alive
            clock.advance(Duration.ofHours(5)); // 25 h after the first two, 5 h after the third
            server.enqueue(cacheable("{\"n\":9}"));
            get(http, server, "/repos/o/r/pulls/8"); // the request that finds the scan due

            assertThat(entries(cache)).as("the two idle for 25 h are gone; the 5-hour-old and the new one stay")
                    .isEqualTo(2);
            assertThat(expiry.tracked()).as("last-use times only for what the cache holds").isLessThanOrEqualTo(2);
        }
        cache.close();
    }
}
