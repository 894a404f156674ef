package io.prow.autodeploy.deploy.gates;

import static io.prow.autodeploy.deploy.gates.GateCase.FRIDAY_10AM;
import static io.prow.autodeploy.deploy.gates.GateCase.closed;
import static io.prow.autodeploy.deploy.gates.GateCase.open;
import static io.prow.autodeploy.deploy.gates.Snapshots.autobump;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrustedGateTest {
    static final String TAG = Snapshots.TAG;

    static Stream<GateCase> cases() {
        return Stream.of(
                open("trusted autobump PR", autobump().build(), FRIDAY_10AM, "trusted autobump PR"),
                closed("closed PR", autobump().closed().build(), FRIDAY_10AM, "Not deploying: PR is closed"),
                closed("untrusted author", autobump().author("mallory").build(), FRIDAY_10AM,
                        "Not trusted: @mallory is not an autobump author"),
                closed("wrong head branch", autobump().headRef("my-bump").build(), FRIDAY_10AM,
                        "Not trusted: head branch my-bump is not autobump"),
                closed("right branch of another fork", autobump().headRepo("mallory/test-infra").build(), FRIDAY_10AM,
                        "Not trusted: head repo mallory/test-infra is not k8s-ci-robot/test-infra"),
                closed("head repo deleted (head.repo null)", autobump().deletedFork().build(), FRIDAY_10AM,
                        "Not trusted: head repo is gone (deleted fork), expected k8s-ci-robot/test-infra"),
                closed("wrong base branch", autobump().baseRef("release-1.0").build(), FRIDAY_10AM,
                        "Not trusted: base branch release-1.0 is not master"),
                closed("title without a tag", autobump().title("Update Prow").build(), FRIDAY_10AM,
                        "Not trusted: title names no prow tag (the diff deploys " + TAG + ")"),
                closed("title names a tag not matching tagPattern", autobump().title("Update Prow to latest").build(),
                        FRIDAY_10AM, "Not trusted: title names no prow tag (the diff deploys " + TAG + ")"),
                closed("title of another shape", autobump().title("Bump Prow to v20261127-abc1234").build(),
                        FRIDAY_10AM, "Not trusted: title names no prow tag (the diff deploys " + TAG + ")"),
                closed("title names another tag than the diff", autobump().title("Update Prow to v20261201-abc1234")
                        .build(), FRIDAY_10AM,
                        "Not trusted: title says prow v20261201-abc1234 but the diff deploys " + TAG),
                closed("one file outside paths", autobump()
                                .files("config/prow/cluster/hook.yaml", "Makefile").build(), FRIDAY_10AM,
                        "Not trusted: Makefile is outside config/prow/cluster/**"),
                closed("several files outside paths: first named, rest counted", autobump()
                                .files("hack/x.sh", "config/prow/cluster/hook.yaml", "Makefile").build(), FRIDAY_10AM,
                        "Not trusted: hack/x.sh is outside config/prow/cluster/** (+1)"),
                closed("file beside the allowed folder", autobump().files("config/prow/config.yaml").build(),
                        FRIDAY_10AM, "Not trusted: config/prow/config.yaml is outside config/prow/cluster/**"),
                open("file in a subfolder of paths", autobump().files("config/prow/cluster/build/x.yaml").build(),
                        FRIDAY_10AM, "trusted autobump PR"),
                closed("no files", autobump().files().build(), FRIDAY_10AM, "Not trusted: the PR changes no files"),
                closed("closed wins over untrusted: a closed PR is not worth a failure", autobump().closed()
                        .author("mallory").build(), FRIDAY_10AM, "Not deploying: PR is closed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(GateCase c) {
        c.verify(new TrustedGate());
    }
}
