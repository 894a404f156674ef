package io.prow.autodeploy.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.RepoRef;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stand-in does what kubernetes-sigs/prow pkg/plugins/hold/hold.go does: cancel regex first, then hold, the
 * label changed only when its presence differs (names compared case-insensitively, as github.HasLabel does), for
 * any commenter.
 */
class ProwHoldPluginTest {
    private static final RepoRef REPO = RepoRef.parse("kubernetes/k8s.io");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("hold on a PR without the label adds it", "/hold", false, Optional.of(
                        ProwHoldPlugin.Change.LABELED), true),
                Arguments.of("hold with a reason", "/hold wait for the freeze", false,
                        Optional.of(ProwHoldPlugin.Change.LABELED), true),
                Arguments.of("hold when already held changes nothing", "/hold", true, Optional.empty(), true),
                Arguments.of("hold cancel removes", "/hold cancel", true,
                        Optional.of(ProwHoldPlugin.Change.UNLABELED), false),
                Arguments.of("unhold removes", "/unhold", true, Optional.of(ProwHoldPlugin.Change.UNLABELED), false),
                Arguments.of("remove-hold removes", "/remove-hold", true,
                        Optional.of(ProwHoldPlugin.Change.UNLABELED), false),
                Arguments.of("cancel across a newline (RE2 \\s+)", "/hold\ncancel", true,
                        Optional.of(ProwHoldPlugin.Change.UNLABELED), false),
                Arguments.of("case-insensitive", "/HOLD CANCEL", true,
                        Optional.of(ProwHoldPlugin.Change.UNLABELED), false),
                Arguments.of("cancel wins over hold in one comment", "/hold\n/hold cancel", true,
                        Optional.of(ProwHoldPlugin.Change.UNLABELED), false),
                Arguments.of("cancel when not held changes nothing", "/hold cancel", false, Optional.empty(),
                        false),
                Arguments.of("a leading space is no command", " /hold cancel", true, Optional.empty(), true),
                Arguments.of("a longer word is no command", "/holdon", false, Optional.empty(), false),
                Arguments.of("a command on a later line counts", "looks bad\n/hold", false,
                        Optional.of(ProwHoldPlugin.Change.LABELED), true),
                Arguments.of("CRLF: RE2 keeps \\r in .*, the command still matches", "/hold cancel\r\n", true,
                        Optional.of(ProwHoldPlugin.Change.UNLABELED), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheCommentAsHoldGoDoes(String name, String body, boolean heldBefore,
                                     Optional<ProwHoldPlugin.Change> expected, boolean heldAfter) {
        InMemoryGitHub gh = new InMemoryGitHub(ManualClock.at("2026-11-30T17:00:00Z"), "bot");
        gh.createRepo(REPO, "main", Map.of("a.yaml", "a: 1\n"));
        int n = gh.openPullRequest(REPO, "k8s-infra-ci-robot", "k8s-infra-ci-robot", "autobump", "main",
                "Update prow to v20261130-1a2b3c4d5e", Map.of("a.yaml", "a: 2\n"));
        if (heldBefore) {
            gh.label(REPO, n, ProwHoldPlugin.LABEL);
        }
        gh.resetCalls();

        assertThat(new ProwHoldPlugin(gh).onCommentCreated(REPO, n, body)).isEqualTo(expected);
        assertThat(gh.peek(REPO, n).hasLabel(ProwHoldPlugin.LABEL)).isEqualTo(heldAfter);
        assertThat(gh.writeCalls()).as("another bot's change: not counted as the plugin's calls").isZero();
    }

    @ParameterizedTest(name = "label named {0}")
    @MethodSource("otherCases")
    void theLabelIsFoundWhateverItsCase(String existing) {
        InMemoryGitHub gh = new InMemoryGitHub(ManualClock.at("2026-11-30T17:00:00Z"), "bot");
        gh.createRepo(REPO, "main", Map.of("a.yaml", "a: 1\n"));
        int n = gh.openPullRequest(REPO, "k8s-infra-ci-robot", "k8s-infra-ci-robot", "autobump", "main",
                "Update prow to v20261130-1a2b3c4d5e", Map.of("a.yaml", "a: 2\n"));
        gh.label(REPO, n, existing);
        assertThat(new ProwHoldPlugin(gh).onCommentCreated(REPO, n, "/hold")).as("already held").isEmpty();
    }

    static Stream<String> otherCases() {
        return Stream.of("do-not-merge/hold", "Do-Not-Merge/Hold");
    }
}
