package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.gates.GateCase.closed;
import static io.prow.autodeploy.deploy.gates.GateCase.open;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HoldGateTest {
    static Stream<GateCase> cases() {
        return Stream.of(
                open("neither label nor hold comment", autobump().build(), FRIDAY_10AM, "not held"),
                open("another label", autobump().labels("lgtm", "autodeploy/ready").build(), FRIDAY_10AM, "not held"),
                closed("label added by hand, no comment of ours", autobump().labels("do-not-merge/hold").build(),
                        FRIDAY_10AM, "Held: do-not-merge/hold label"),
                closed("label with our comment: who and why", autobump().labels("do-not-merge/hold")
                        .hold("alice", "incident in progress").build(), FRIDAY_10AM,
                        "Held by @alice: incident in progress"),
                closed("comment without a reason", autobump().labels("do-not-merge/hold").hold("alice", "").build(),
                        FRIDAY_10AM, "Held by @alice"),
                closed("hold info without the label still holds", autobump().hold("bob", "freeze").build(),
                        FRIDAY_10AM, "Held by @bob: freeze"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new HoldGate());
    }
}
