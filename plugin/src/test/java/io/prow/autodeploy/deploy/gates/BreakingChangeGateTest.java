package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.gates.GateCase.closed;
import static io.prow.autodeploy.deploy.gates.GateCase.closedUntil;
import static io.prow.autodeploy.deploy.gates.GateCase.open;
import static io.prow.autodeploy.deploy.gates.Snapshots.TAG;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;

import io.prow.autodeploy.github.Comparison;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BreakingChangeGateTest {
    static final String GUARD = "breakingChanges:\n  sourceRepo: kubernetes-sigs/prow\n";
    static final String FROM = "v20261120-0a1b2c3d4e";

    static SourceChanges compared(List<String> files, String... messages) {
        List<Comparison.Commit> commits = Stream.of(messages)
                .map(m -> new Comparison.Commit("c0ffee" + m.length(), m, "https://github.com/c")).toList();
        return new SourceChanges.Compared(FROM, TAG, new Comparison("ahead", commits.size(), commits, files,
                "https://github.com/kubernetes-sigs/prow/compare/0a1b2c3d4e...abc1234"));
    }

    static PrMarkers approvedFor(String tag) {
        return new PrMarkers(true, Optional.of(new PrMarkers.Approval("alice", "read them", tag, 7)),
                Optional.empty(), PrMarkers.Retests.NONE, true);
    }

    static Stream<GateCase> cases() {
        SourceChanges announced = compared(List.of("ANNOUNCEMENTS.md", "pkg/a.go"), "hook: tidy");
        return Stream.of(
                open("guard off", autobump().build(), FRIDAY_10AM, "no breaking-change guard configured"),
                open("nothing watched in the range", autobump().config(GUARD)
                        .sourceChanges(compared(List.of("pkg/a.go"), "plank: fix")).build(), FRIDAY_10AM,
                        "no announcements between " + FROM + " and " + TAG),
                closed("announcements file changed", autobump().config(GUARD).sourceChanges(announced).build(),
                        FRIDAY_10AM, "Needs oncall: announcements changed between " + FROM + " and " + TAG),
                closed("a commit message says so", autobump().config(GUARD)
                        .sourceChanges(compared(List.of("pkg/a.go"), "ACTION REQUIRED: new flag")).build(),
                        FRIDAY_10AM, "Needs oncall: announcements changed between " + FROM + " and " + TAG),
                open("approved for this tag", autobump().config(GUARD).sourceChanges(announced)
                        .markers(approvedFor(TAG)).build(), FRIDAY_10AM, "approved by @alice for " + TAG),
                closed("an approval of another tag does not count", autobump().config(GUARD).sourceChanges(announced)
                        .markers(approvedFor("v20261126-0123456")).build(), FRIDAY_10AM,
                        "Needs oncall: announcements changed between " + FROM + " and " + TAG),
                closed("commit not found fails closed", autobump().config(GUARD).sourceChanges(
                        new SourceChanges.Unknown(FROM, TAG, "commit not found in kubernetes-sigs/prow", false))
                        .build(), FRIDAY_10AM, "Blocked: cannot compare " + FROM + ".." + TAG
                        + ": commit not found in kubernetes-sigs/prow"),
                closedUntil("GitHub failing: closed, and asks again in a minute", autobump().config(GUARD)
                        .sourceChanges(new SourceChanges.Unknown(FROM, TAG, "GitHub answered 502", true)).build(),
                        FRIDAY_10AM, "Blocked: cannot compare " + FROM + ".." + TAG + ": GitHub answered 502",
                        FRIDAY_10AM.plus(BreakingChangeGate.RETRY)),
                closed("no earlier deploy to compare with", autobump().config(GUARD).sourceChanges(
                        new SourceChanges.Unknown(null, TAG, "no earlier deploy found", false)).build(), FRIDAY_10AM,
                        "Blocked: cannot compare " + TAG + " with the deployed version: no earlier deploy found"),
                open("oncall may approve what could not be compared", autobump().config(GUARD).sourceChanges(
                        new SourceChanges.Unknown(FROM, TAG, "GitHub answered 502", true)).markers(approvedFor(TAG))
                        .build(), FRIDAY_10AM, "approved by @alice for " + TAG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new BreakingChangeGate());
    }
}
