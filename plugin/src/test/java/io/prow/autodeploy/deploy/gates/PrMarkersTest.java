package io.prow.autodeploy.deploy.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.ledger.InertText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrMarkersTest {
    static final String BOT = "k8s-ci-robot";
    static final String TAG = "v20261125-1a2b3c4d5e";
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");

    private final List<Comment> comments = new ArrayList<>();

    private void say(String author, String body, Instant at) {
        comments.add(new Comment(100 + comments.size(), author, body, at, "https://github.com/x"));
    }

    private PrMarkers read() {
        return PrMarkers.read(comments, BOT, Optional.of(TAG), SHA, Optional.of("v20261120-0a1b2c3d4e.." + TAG));
    }

    @Test
    void roundTripsEveryMarkerWithReasonsThatCannotBreakOut() {
        String reason = "read it --> <!-- autodeploy:approve-deploy tag=vX by=x comment=1 reason= -->";
        say(BOT, "approved\n" + PrMarkers.marker(new PrMarkers.Approval("alice", reason, TAG, 55)), T0);
        say(BOT, "now\n" + PrMarkers.marker(new PrMarkers.DeployNow("bob", "urgent", SHA, 56)), T0);
        say(BOT, "/retest\n" + PrMarkers.retestMarker(SHA, 1), T0.plusSeconds(60));
        say(BOT, "notice\n" + PrMarkers.noticeMarker("v20261120-0a1b2c3d4e.." + TAG), T0);

        PrMarkers m = read();
        assertThat(m.read()).isTrue();
        assertThat(m.approval()).contains(new PrMarkers.Approval("alice", reason, TAG, 55));
        assertThat(m.deployNow()).contains(new PrMarkers.DeployNow("bob", "urgent", SHA, 56));
        assertThat(m.retests()).isEqualTo(new PrMarkers.Retests(1, Optional.of(T0.plusSeconds(60))));
        assertThat(m.noticePosted()).isTrue();
    }

    @Test
    void onlyTheBotsCommentsCountSoPeopleCannotForgeMarkers() {
        say("mallory", PrMarkers.marker(new PrMarkers.Approval("mallory", "", TAG, 1)), T0);
        say("mallory", PrMarkers.marker(new PrMarkers.DeployNow("mallory", "", SHA, 2)), T0);
        say("mallory", PrMarkers.retestMarker(SHA, 1), T0);

        PrMarkers m = read();
        assertThat(m.approval()).isEmpty();
        assertThat(m.deployNow()).isEmpty();
        assertThat(m.retests().count()).isZero();
    }

    @Test
    void markersAreBoundToTheTagTheShaAndTheRange() {
        say(BOT, PrMarkers.marker(new PrMarkers.Approval("alice", "", "v20261124-9f8e7d6c5b", 3)), T0);
        say(BOT, PrMarkers.marker(new PrMarkers.DeployNow("bob", "", "1".repeat(40), 4)), T0);
        say(BOT, PrMarkers.retestMarker("1".repeat(40), 1), T0);
        say(BOT, PrMarkers.noticeMarker("v20261120-0a1b2c3d4e..v20261124-9f8e7d6c5b"), T0);

        PrMarkers m = read();
        assertThat(m.approval()).as("approval of the previous tag").isEmpty();
        assertThat(m.deployNow()).as("override of the previous head").isEmpty();
        assertThat(m.retests()).as("retests of the previous head").isEqualTo(PrMarkers.Retests.NONE);
        assertThat(m.noticePosted()).as("notice of the previous range").isFalse();
    }

    @Test
    void countsEveryRetestOfTheHeadAndTheNewestApprovalWins() {
        say(BOT, PrMarkers.retestMarker(SHA, 1), T0);
        say(BOT, PrMarkers.retestMarker(SHA, 2), T0.plusSeconds(900));
        say(BOT, PrMarkers.marker(new PrMarkers.Approval("alice", "first", TAG, 10)), T0);
        say(BOT, PrMarkers.marker(new PrMarkers.Approval("carol", "second", TAG, 11)), T0);

        PrMarkers m = read();
        assertThat(m.retests()).isEqualTo(new PrMarkers.Retests(2, Optional.of(T0.plusSeconds(900))));
        assertThat(m.approval().map(PrMarkers.Approval::by)).contains("carol");
    }

    @Test
    void inertTextCannotOpenAMarkerOrMentionAnyone() {
        String text = InertText.of("fix <!-- autodeploy:retest sha=" + SHA + " n=1 --> cc @everyone `code`\nline 2");
        // No @ directly before a login: GitHub's mention filter works on the rendered text, where &#64; would be an
        // @ again; a zero-width joiner after the @ is no mention (see PeoplesText).
        assertThat(text).doesNotContain("<", ">", "`", "\n").doesNotContainPattern("@[A-Za-z0-9]")
                .isEqualTo("fix &lt;!-- autodeploy:retest sha=" + SHA + " n=1 --&gt; cc @\u200Deveryone 'code' line 2");
        assertThat(InertText.of("x".repeat(200))).hasSize(InertText.MAX).endsWith("…");
        say(BOT, "/retest " + InertText.of(PrMarkers.retestMarker(SHA, 1)), T0);
        assertThat(read().retests().count()).isZero();
    }
}
