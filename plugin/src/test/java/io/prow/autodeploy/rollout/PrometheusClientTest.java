package io.prow.autodeploy.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.prow.autodeploy.config.RepoConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrometheusClientTest {
    /** The shape of Prometheus' answer to {@code kube_pod_container_info{namespace="prow"}} (kube-state-metrics labels). */
    static final String VECTOR = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"kube_pod_container_info","container":"hook","container_id":"containerd://1",
               "image":"us-docker.pkg.dev/k8s-infra-prow/images/hook:v20261130-1a2b3c4d5e",
               "image_id":"us-docker.pkg.dev/k8s-infra-prow/images/hook@sha256:00","image_spec":
               "us-docker.pkg.dev/k8s-infra-prow/images/hook:v20261130-1a2b3c4d5e","instance":"ksm:8080",
               "job":"kube-state-metrics","namespace":"prow","pod":"hook-7d9f-abcde","uid":"u1"},
               "value":[1764525600.123,"1"]}]}}""";

    @Test
    void parsesTheVector() throws PrometheusException {
        RunningImages images = PrometheusClient.parse(VECTOR.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(new RunningImages.Container("hook-7d9f-abcde", "hook",
                "us-docker.pkg.dev/k8s-infra-prow/images/hook:v20261130-1a2b3c4d5e")), images.series());
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("html", "<html>502 Bad Gateway</html>", "not JSON"),
                Arguments.of("error status", "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"x\"}",
                        "answered status error"),
                Arguments.of("a matrix", "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}",
                        "not a vector"),
                Arguments.of("no image label", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                        + "\"result\":[{\"metric\":{\"container\":\"hook\"},\"value\":[1,\"1\"]}]}}", "without"),
                Arguments.of("null", "null", "answered status none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsAnError(String name, String body, String expected) {
        PrometheusException e = assertThrows(PrometheusException.class,
                () -> PrometheusClient.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void oneQueryPerTtlAndFailuresCachedBriefly() {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = nanos::get;
        boolean[] fail = {false};
        RunningImagesSource source = new RunningImagesSource((url, q, t) -> {
            if (fail[0]) {
                throw new PrometheusException("unreachable: ConnectException");
            }
            return new RunningImages(List.of());
        }, ticker);
        RepoConfig c = RolloutConfigs.both("http://prometheus.monitoring:9090");
        for (int i = 0; i < 10; i++) {
            source.images(c);
        }
        assertEquals(1, source.queries(), "a burst costs one query");
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        fail[0] = true;
        assertEquals("unreachable: ConnectException", source.images(c).error().orElseThrow());
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        source.images(c);
        assertEquals(2, source.queries(), "a failure is reused for 5s");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        fail[0] = false;
        assertTrue(source.images(c).images().isPresent(), "asked again after 5s");
        assertEquals(3, source.queries());
        assertEquals(ImagesAnswer.NOT_ASKED, source.images(RolloutConfigs.contextsOnly()));
        assertEquals(3, source.queries(), "no Prometheus configured: never asked");
    }
}
