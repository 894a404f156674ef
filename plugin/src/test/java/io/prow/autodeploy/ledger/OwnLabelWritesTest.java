package io.prow.autodeploy.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.sandbox.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which labeled/unlabeled webhooks are the echo of our own label change: each change answers one, for a while. */
class OwnLabelWritesTest {
    private static final RepoRef REPO = new RepoRef("kubernetes", "test-infra");
    private final ManualClock clock = ManualClock.at("2026-11-30T17:00:00Z");
    private final List<String> sent = new ArrayList<>();
    private final OwnLabelWrites labels = new OwnLabelWrites(new Labels() {
        @Override
        public void addLabels(RepoRef repo, int number, List<String> names) {
            sent.add("add " + number + " " + names);
        }

        @Override
        public void removeLabel(RepoRef repo, int number, String label) {
            sent.add("remove " + number + " " + label);
        }
    }, clock);

    @Test
    void writesGoThroughAndEachAnswersOneEchoOfItsKind() {
        labels.addLabels(REPO, 7, List.of("autodeploy/ready", "do-not-merge/hold"));
        labels.removeLabel(REPO, 7, "do-not-merge/hold");
        assertThat(sent).containsExactly("add 7 [autodeploy/ready, do-not-merge/hold]", "remove 7 do-not-merge/hold");

        assertThat(labels.isEcho(REPO, 7, "autodeploy/ready", false)).as("we added it: its removal is not ours")
                .isFalse();
        assertThat(labels.isEcho(REPO, 8, "autodeploy/ready", true)).as("another PR").isFalse();
        assertThat(labels.isEcho(REPO, 7, "autodeploy/ready", true)).isTrue();
        assertThat(labels.isEcho(REPO, 7, "autodeploy/ready", true)).as("used up: a second one is someone's")
                .isFalse();
        assertThat(labels.isEcho(REPO, 7, "do-not-merge/hold", true)).isTrue();
        assertThat(labels.isEcho(REPO, 7, "do-not-merge/hold", false)).isTrue();
        assertThat(labels.size()).isZero();
    }

    @Test
    void twoChangesAnswerTwoEchoesAndAChangeIsForgottenAfterItsTime() {
        labels.removeLabel(REPO, 7, "autodeploy/ready");
        labels.removeLabel(REPO, 7, "autodeploy/ready");
        assertThat(labels.isEcho(REPO, 7, "autodeploy/ready", false)).isTrue();
        assertThat(labels.isEcho(REPO, 7, "autodeploy/ready", false)).isTrue();
        assertThat(labels.isEcho(REPO, 7, "autodeploy/ready", false)).isFalse();

        labels.addLabels(REPO, 7, List.of("autodeploy/ready"));
        clock.advance(OwnLabelWrites.KEEP.plus(Duration.ofSeconds(1)));
        assertThat(labels.isEcho(REPO, 7, "autodeploy/ready", true)).as("a webhook that late is decided on")
                .isFalse();
    }

    @Test
    void aFailedWriteIsNotRecorded() {
        OwnLabelWrites failing = new OwnLabelWrites(new Labels() {
            @Override
            public void addLabels(RepoRef repo, int number, List<String> names) {
                throw new io.prow.autodeploy.github.GitHubException(502, "Bad Gateway");
            }

            @Override
            public void removeLabel(RepoRef repo, int number, String label) {
                throw new io.prow.autodeploy.github.GitHubException(502, "Bad Gateway");
            }
        }, clock);
        try {
            failing.addLabels(REPO, 7, List.of("autodeploy/ready"));
        } catch (io.prow.autodeploy.github.GitHubException expected) {
            // as GitHub answered
        }
        assertThat(failing.isEcho(REPO, 7, "autodeploy/ready", true)).isFalse();
    }
}
