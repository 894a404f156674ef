package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.gates.GateCase.closed;
import static io.prow.autodeploy.deploy.gates.GateCase.la;
import static io.prow.autodeploy.deploy.gates.GateCase.open;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;

import io.prow.autodeploy.alerts.AlertState;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertGateTest {
    static final String CLOSED = "alerts:\n  alertmanagerUrl: http://alertmanager:9093\n";
    static final String OPEN = CLOSED + "  onUnreachable: open\n";
    static final AlertState.FiringAlert HOOK_DOWN =
            new AlertState.FiringAlert("ProwHookDown", la("2026-11-27T09:05"), "f1");
    static final AlertState.FiringAlert DECK_ERRORS =
            new AlertState.FiringAlert("DeckErrors", la("2026-11-27T09:30"), "f2");
    static final AlertState.FiringAlert YESTERDAY =
            new AlertState.FiringAlert("ProwHookDown", la("2026-11-26T22:40"), "f3");
    static final AlertState.FiringAlert LONG_NAME =
            new AlertState.FiringAlert("A".repeat(200), la("2026-11-27T09:05"), "f4");

    static Stream<GateCase> cases() {
        return Stream.of(
                open("no Alertmanager configured", autobump().alerts(AlertState.disabled()).build(), FRIDAY_10AM,
                        "no Alertmanager configured"),
                open("quiet", autobump().config(CLOSED).alerts(AlertState.quiet()).build(), FRIDAY_10AM,
                        "no alert firing"),
                closed("one firing, start in the repo's zone", autobump().config(CLOSED)
                        .alerts(AlertState.firing(List.of(HOOK_DOWN))).build(), FRIDAY_10AM,
                        "Blocked: alert ProwHookDown firing since Fri Nov 27 09:05 America/Los_Angeles"),
                closed("several firing: first named, rest counted", autobump().config(CLOSED)
                        .alerts(AlertState.firing(List.of(HOOK_DOWN, DECK_ERRORS))).build(), FRIDAY_10AM,
                        "Blocked: alert ProwHookDown firing since Fri Nov 27 09:05 America/Los_Angeles (+1 more)"),
                closed("unknown, onUnreachable closed (default)", autobump().config(CLOSED)
                        .alerts(AlertState.unknown("connect timed out")).build(), FRIDAY_10AM,
                        "Blocked: Alertmanager unreachable"),
                open("unknown, onUnreachable open", autobump().config(OPEN)
                        .alerts(AlertState.unknown("connect timed out")).build(), FRIDAY_10AM,
                        "Alertmanager unreachable, configured open"),
                closed("firing blocks also when onUnreachable is open", autobump().config(OPEN)
                        .alerts(AlertState.firing(List.of(DECK_ERRORS))).build(), FRIDAY_10AM,
                        "Blocked: alert DeckErrors firing since Fri Nov 27 09:30 America/Los_Angeles"),
                closed("firing since the day before: the date says so", autobump().config(CLOSED)
                        .alerts(AlertState.firing(List.of(YESTERDAY))).build(), FRIDAY_10AM,
                        "Blocked: alert ProwHookDown firing since Thu Nov 26 22:40 America/Los_Angeles"),
                closed("a long alert name is cut so the start and its zone still fit 140", autobump().config(CLOSED)
                        .alerts(AlertState.firing(List.of(LONG_NAME, DECK_ERRORS))).build(), FRIDAY_10AM,
                        "Blocked: alert " + "A".repeat(64) + "… firing since Fri Nov 27 09:05 America/Los_Angeles"
                                + " (+1 more)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new AlertGate());
    }
}
