package io.prow.autodeploy.deploy.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prow.autodeploy.github.GitHubException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The side-by-side reads of one decision: results, failures as thrown, the logging context, waiting on close. */
class ParallelReadsTest {
    @Test
    void aReadsResultAndItsFailureComeBackUnwrapped() {
        try (ParallelReads side = new ParallelReads()) {
            var ok = side.start(() -> "files");
            var failed = side.start(() -> {
                throw new GitHubException(502, "changedFiles failed: HTTP 502");
            });
            assertThat(ParallelReads.join(ok)).isEqualTo("files");
            assertThatThrownBy(() -> ParallelReads.join(failed)).isInstanceOf(GitHubException.class)
                    .hasMessageContaining("HTTP 502");
        }
    }

    @Test
    void theLoggingContextGoesWithEachReadAndTheWorkerKeepsNone() {
        MDC.put("pr", "42");
        try (ParallelReads side = new ParallelReads()) {
            assertThat(ParallelReads.join(side.start(() -> MDC.get("pr")))).isEqualTo("42");
        } finally {
            MDC.remove("pr");
        }
        try (ParallelReads side = new ParallelReads()) {
            assertThat(ParallelReads.join(side.start(() -> MDC.get("pr")))).as("nothing left on a pooled thread")
                    .isNull();
        }
    }

    @Test
    void closeWaitsForEveryReadItStartedEvenAfterAFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(50); // the only way to show close() waits: the read ends after close() began
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        try (ParallelReads side = new ParallelReads()) {
            side.start(() -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.set(true);
                return null;
            });
            releaser.start();
        }
        assertThat(finished).as("the slow read ended before close() returned").isTrue();
        releaser.join();
    }

    @Test
    void moreReadsThanThreadsRunOnTheCallerInsteadOfWaiting() {
        CountDownLatch hold = new CountDownLatch(1);
        List<String> threads = new ArrayList<>();
        var pool = ParallelReads.pool(2); // its own pool: nothing else in the JVM can have taken a thread
        try (ParallelReads side = new ParallelReads(pool)) {
            List<java.util.concurrent.CompletableFuture<String>> busy = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                busy.add(side.start(() -> {
                    try {
                        hold.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Thread.currentThread().getName();
                }));
            }
            // The pool is full: this one runs at once on the caller, so it cannot wait behind the others.
            String ran = ParallelReads.join(side.start(() -> Thread.currentThread().getName()));
            threads.add(ran);
            hold.countDown();
            busy.forEach(f -> threads.add(ParallelReads.join(f)));
        }
        assertThat(threads.get(0)).isEqualTo(Thread.currentThread().getName());
        assertThat(threads.subList(1, threads.size())).hasSize(2).allMatch(n -> n.startsWith("github-read-"));
        pool.shutdown();
    }
}
