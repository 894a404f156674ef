package io.prow.autodeploy.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.alerts.AlertSource;
import io.prow.autodeploy.alerts.AlertmanagerClient;
import io.prow.autodeploy.cli.PluginApp;
import io.prow.autodeploy.reliability.CallFaults.Fault;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GitHub call of every flow, failed once with every kind of fault: the end state after the usual ways of
 * converging (the retry wake-up, a redelivery of the event, the periodic sweep) equals a clean run's end state
 * after the same steps, with no duplicate label, comment, branch or PR. Rate-limit answers are waited out as asked.
 * The calls come from a clean run's trace, so a flow that grows a call grows the table.
 */
class GitHubFaultsTest {
    private static final Map<Flow, EndState> CLEAN = new EnumMap<>(Flow.class);

    /** One run of {@code flow}: prepare, fail the chosen call, converge. Returns the world's harness, closed. */
    private static final class Run implements AutoCloseable {
        final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
        final CallFaults[] faults = new CallFaults[1];
        final PluginHarness h;
        final Flow.Delivery delivery;

        Run(Flow flow) throws Exception {
            h = new PluginHarness(clock, PluginHarness.defaultConfig(), DeployWorld.github(clock),
                    gh -> CallFaults.wrap(gh, faults), new AlertSource(new AlertmanagerClient()),
                    PluginApp.Settings.forTests());
            delivery = flow.prepare(h);
        }

        void deliver(String method, int occurrence, Fault fault) throws Exception {
            faults[0].arm(method, occurrence, fault);
            h.pauses.clear();
            assertThat(h.send(delivery.eventType(), delivery.body())).isEqualTo(200);
            h.settle();
        }

        /** What ends a fault in production: the retry wake-up comes due, hook redelivers, the sweep runs. */
        EndState converge() throws Exception {
            faults[0].arm(null, 0, null);
            clock.advance(Duration.ofMinutes(2));
            h.settle();
            h.send(delivery.eventType(), delivery.body());
            h.settle();
            h.app.reconcileAll();
            h.settle();
            return EndState.of(h.gh);
        }

        @Override
        public void close() {
            h.close();
        }
    }

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (Flow flow : Flow.values()) {
            List<String> trace;
            try (Run clean = new Run(flow)) {
                clean.deliver(null, 0, null);
                trace = clean.faults[0].trace();
                CLEAN.put(flow, clean.converge());
            }
            for (String call : trace) {
                String method = call.substring(0, call.indexOf('#'));
                int occurrence = Integer.parseInt(call.substring(call.indexOf('#') + 1));
                for (Fault fault : Fault.values()) {
                    if (fault.appliesTo(method)) {
                        cases.add(Arguments.of(flow, method, occurrence, fault));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1} call {2} fails with {3}")
    @MethodSource("cases")
    void convergesToTheCleanEndStateWithoutDuplicates(Flow flow, String method, int occurrence, Fault fault)
            throws Exception {
        String name = flow + ": " + method + " call " + occurrence + " fails with " + fault;
        try (Run run = new Run(flow)) {
            Instant faultAt = run.clock.instant();
            run.deliver(method, occurrence, fault);
            assertThat(run.faults[0].struck()).as("the fault hit the call it was meant for").isTrue();

            if (fault.retryAfter != null) {
                assertThat(run.h.pauses).as(name + ": command retries wait as long as GitHub asked")
                        .allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(fault.retryAfter));
                assertThat(run.h.app.scheduler.pending()).as(name + ": reconcile retries wait as long as GitHub asked")
                        .allSatisfy(e -> assertThat(e.getValue()).isAfterOrEqualTo(faultAt.plus(fault.retryAfter)));
            }

            assertThat(run.converge()).as(name).isEqualTo(CLEAN.get(flow));
        }
    }
}
