package io.prow.autodeploy.deploy;

import static io.prow.autodeploy.deploy.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.GateCase.closed;
import static io.prow.autodeploy.deploy.GateCase.open;
import static io.prow.autodeploy.deploy.Snapshots.autobump;
import static io.prow.autodeploy.github.Check.State.FAILURE;
import static io.prow.autodeploy.github.Check.State.PENDING;
import static io.prow.autodeploy.github.Check.State.SUCCESS;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TestsGateTest {
    static final String REQUIRED = "merge:\n  requiredContexts: [e2e, unit]\n";

    static Snapshots.Builder required() {
        return autobump().config(REQUIRED).noChecks();
    }

    static Stream<GateCase> cases() {
        return Stream.of(
                open("every context green", autobump().check("e2e", SUCCESS).build(), FRIDAY_10AM, "tests green"),
                closed("one pending", autobump().check("e2e", PENDING).build(), FRIDAY_10AM,
                        "Waiting: tests running: e2e"),
                closed("one failed", autobump().check("e2e", FAILURE).build(), FRIDAY_10AM,
                        "Waiting: tests failed: e2e"),
                closed("failed is named before pending", autobump().check("lint", PENDING).check("e2e", FAILURE)
                        .build(), FRIDAY_10AM, "Waiting: tests failed: e2e"),
                closed("no results at all", autobump().noChecks().build(), FRIDAY_10AM,
                        "Waiting: no test results on 0123456 yet"),
                closed("only our own context and tide count as no results", autobump().noChecks()
                        .check("autodeploy", SUCCESS).check("tide", SUCCESS).build(), FRIDAY_10AM,
                        "Waiting: no test results on 0123456 yet"),
                open("our own autodeploy context and tide are ignored", autobump().check("autodeploy", PENDING)
                        .check("tide", FAILURE).build(), FRIDAY_10AM, "tests green"),
                closed("status and check run of one name: failure wins either order", autobump()
                        .check("e2e", FAILURE).check("e2e", SUCCESS).build(), FRIDAY_10AM,
                        "Waiting: tests failed: e2e"),
                closed("status and check run of one name: failure wins, other order", autobump()
                        .check("e2e", SUCCESS).check("e2e", FAILURE).build(), FRIDAY_10AM,
                        "Waiting: tests failed: e2e"),
                closed("status and check run of one name: pending beats success", autobump()
                        .check("e2e", SUCCESS).check("e2e", PENDING).build(), FRIDAY_10AM,
                        "Waiting: tests running: e2e"),
                open("required set: all required green", required().check("e2e", SUCCESS).check("unit", SUCCESS)
                        .build(), FRIDAY_10AM, "tests green"),
                open("required set: failures elsewhere do not count", required().check("e2e", SUCCESS)
                        .check("unit", SUCCESS).check("flaky-optional", FAILURE).build(), FRIDAY_10AM, "tests green"),
                closed("required set: none reported", required().build(), FRIDAY_10AM,
                        "Waiting: tests not reported: e2e, unit"),
                closed("required set: one missing", required().check("e2e", SUCCESS).build(), FRIDAY_10AM,
                        "Waiting: tests not reported: unit"),
                closed("required set: missing is named before pending", required().check("e2e", PENDING).build(),
                        FRIDAY_10AM, "Waiting: tests not reported: unit"),
                closed("required set: one pending", required().check("e2e", PENDING).check("unit", SUCCESS).build(),
                        FRIDAY_10AM, "Waiting: tests running: e2e"),
                closed("required set: one failed", required().check("e2e", SUCCESS).check("unit", FAILURE).build(),
                        FRIDAY_10AM, "Waiting: tests failed: unit"),
                closed("required set: failed is named before missing", required().check("unit", FAILURE).build(),
                        FRIDAY_10AM, "Waiting: tests failed: unit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new TestsGate());
    }
}
