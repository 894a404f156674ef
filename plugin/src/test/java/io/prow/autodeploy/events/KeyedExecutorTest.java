package io.prow.autodeploy.events;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.prow.autodeploy.sandbox.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** A work item that throws anything is logged with Prow's fields and counted, and its lane goes on; stalls show. */
class KeyedExecutorTest {
    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final AtomicInteger failures = new AtomicInteger();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(KeyedExecutor.class);
    private KeyedExecutor executor;

    @BeforeEach
    void start() {
        executor = new KeyedExecutor(2, 100, clock, failures::incrementAndGet);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        executor.close();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("a NullPointerException (a null body from GitHub)", "kubernetes/test-infra#7",
                        (Supplier<Throwable>) NullPointerException::new, Map.of("org", "kubernetes",
                                "repo", "test-infra", "pr", "7")),
                Arguments.of("an Error (StackOverflowError)", "kubernetes/k8s.io#12",
                        (Supplier<Throwable>) StackOverflowError::new, Map.of("org", "kubernetes", "repo", "k8s.io",
                                "pr", "12")),
                Arguments.of("an AssertionError on a repo-wide lane", "kubernetes/k8s.io",
                        (Supplier<Throwable>) AssertionError::new, Map.of("org", "kubernetes", "repo", "k8s.io")),
                Arguments.of("an IllegalStateException on a SHA lane", "kubernetes/k8s.io@abc123",
                        (Supplier<Throwable>) IllegalStateException::new, Map.of("org", "kubernetes",
                                "repo", "k8s.io")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aThrowingItemIsLoggedCountedAndTheLaneGoesOn(String name, String key, Supplier<Throwable> thrown,
                                                      Map<String, String> fields) throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        executor.submit(key, () -> {
            ran.add("first");
            sneakyThrow(thrown.get());
        });
        executor.submit(key, () -> ran.add("second"));
        assertThat(executor.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(ran).containsExactly("first", "second");
        assertThat(failures).hasValue(1);
        List<ILoggingEvent> errors = logs.list.stream().filter(e -> e.getLevel().toString().equals("ERROR")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getFormattedMessage()).contains(key);
        assertThat(errors.get(0).getThrowableProxy()).isNotNull();
        assertThat(errors.get(0).getMDCPropertyMap()).containsExactlyInAnyOrderEntriesOf(fields);
    }

    @Test
    void stalledWhenWorkWaitsAndNothingStartsOrFinishes() throws Exception {
        assertThat(executor.stalledFor()).as("idle").isEmpty();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(2);
        for (String key : List.of("o/r#1", "o/r#2")) {
            executor.submit(key, () -> {
                running.countDown();
                await(release);
            });
        }
        executor.submit("o/r#3", () -> {});
        running.await();
        clock.advance(Duration.ofMinutes(4));
        assertThat(executor.stalledFor()).contains(Duration.ofMinutes(4));
        clock.advance(Duration.ofMinutes(2));
        assertThat(executor.stalledFor()).contains(Duration.ofMinutes(6));

        release.countDown();
        assertThat(executor.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(executor.stalledFor()).as("idle again").isEmpty();
        executor.submit("o/r#4", () -> await(new CountDownLatch(0)));
        assertThat(executor.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(executor.stalledFor()).isEmpty();
    }

    @Test
    void workArrivingAtAnIdlePoolIsNotStalledByTheIdleTime() throws Exception {
        clock.advance(Duration.ofHours(1));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        executor.submit("o/r#1", () -> {
            running.countDown();
            await(release);
        });
        running.await();
        assertThat(executor.stalledFor()).isEmpty();
        release.countDown();
        assertThat(executor.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
