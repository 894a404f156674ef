package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.gates.GateCase.closed;
import static io.prow.autodeploy.deploy.gates.GateCase.open;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;
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
                        "Waiting: tests not finished on 0123456"),
                closed("one failed", autobump().check("e2e", FAILURE).build(), FRIDAY_10AM,
                        "Waiting: tests failed: e2e"),
                closed("failed is named before pending", autobump().check("lint", PENDING).check("e2e", FAILURE)
                        .build(), FRIDAY_10AM, "Waiting: tests failed: e2e"),
                closed("no results at all", autobump().noChecks().build(), FRIDAY_10AM,
                        "Waiting: tests not finished on 0123456"),
                closed("only our own context and tide count as no results", autobump().noChecks()
                        .check("autodeploy", SUCCESS).check("tide", SUCCESS).build(), FRIDAY_10AM,
                        "Waiting: tests not finished on 0123456"),
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
                        "Waiting: tests not finished on 0123456"),
                open("required set: all required green", required().check("e2e", SUCCESS).check("unit", SUCCESS)
                        .build(), FRIDAY_10AM, "tests green"),
                open("required set: failures elsewhere do not count", required().check("e2e", SUCCESS)
                        .check("unit", SUCCESS).check("flaky-optional", FAILURE).build(), FRIDAY_10AM, "tests green"),
                closed("required set: none reported yet is running, not missing", required().build(), FRIDAY_10AM,
                        "Waiting: tests not finished on 0123456"),
                closed("required set: one missing", required().check("e2e", SUCCESS).build(), FRIDAY_10AM,
                        "Waiting: tests not reported: unit"),
                closed("required set: missing is not named while another runs", required().check("e2e", PENDING)
                        .build(), FRIDAY_10AM, "Waiting: tests not finished on 0123456"),
                closed("required set: missing is named once the rest finished", required().check("e2e", FAILURE)
                        .build(), FRIDAY_10AM, "Waiting: tests failed: e2e"),
                closed("required set: one pending", required().check("e2e", PENDING).check("unit", SUCCESS).build(),
                        FRIDAY_10AM, "Waiting: tests not finished on 0123456"),
                closed("required set: one failed", required().check("e2e", SUCCESS).check("unit", FAILURE).build(),
                        FRIDAY_10AM, "Waiting: tests failed: unit"),
                closed("required set: failed is named before missing", required().check("unit", FAILURE).build(),
                        FRIDAY_10AM, "Waiting: tests failed: unit"));
    }

    /** Issue 16: each CI report used to rename what runs, and every new text cost a status write. */
    @org.junit.jupiter.api.Test
    void theTextStaysTheSameWhileTestsRunWhateverReports() {
        var texts = Stream.of(required().build(), required().check("e2e", PENDING).build(),
                        required().check("e2e", PENDING).check("unit", PENDING).build(),
                        required().check("e2e", SUCCESS).check("unit", PENDING).build(),
                        autobump().noChecks().build(), autobump().check("e2e", PENDING).build(),
                        autobump().check("e2e", PENDING).check("lint", PENDING).build(),
                        autobump().check("e2e", SUCCESS).check("lint", PENDING).build())
                .map(s -> new TestsGate().evaluate(s, FRIDAY_10AM).reason()).distinct().toList();
        org.assertj.core.api.Assertions.assertThat(texts).containsExactly("Waiting: tests not finished on 0123456");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new TestsGate());
    }
}
