package io.prow.autodeploy.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.github.Comment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger's codec, escaping rule and hold state, on the records earlier versions left on real PRs too. */
class LedgerTest {
    private static final String BOT = "k8s-ci-robot";
    private static final Instant T0 = Instant.parse("2026-11-25T18:00:00Z");
    private long ids = 100;

    private Comment by(String author, String body) {
        return new Comment(ids++, author, body, T0, "https://github.com/o/r/issues/1#issuecomment-" + ids);
    }

    static Stream<Arguments> formatsOnRealPrs() {
        return Stream.of(
                Arguments.of("hold before the ledger",
                        "<!-- autodeploy:hold by=alice since=2026-11-25T18:00:00Z reason=aG9vaw== -->", "hold",
                        "by=alice since=2026-11-25T18:00:00Z reason=aG9vaw=="),
                Arguments.of("carried hold", "<!-- autodeploy:hold by= since=2026-11-25T18:00:00Z reason= "
                        + "carried-from=7 -->", "hold", "by= since=2026-11-25T18:00:00Z reason= carried-from=7"),
                Arguments.of("reply", "<!-- autodeploy:reply-to=1234 -->", "reply-to", ""),
                Arguments.of("failed reply part", "<!-- autodeploy:reply-to=1234 part=1 failed -->", "reply-to",
                        "part=1 failed"),
                Arguments.of("approval", "<!-- autodeploy:approve-deploy tag=v20261125-1a2b3c4d5e by=carol "
                        + "comment=11 reason=eA== -->", "approve-deploy",
                        "tag=v20261125-1a2b3c4d5e by=carol comment=11 reason=eA=="),
                Arguments.of("retest", "<!-- autodeploy:retest sha=abc1234 n=1 -->", "retest", "sha=abc1234 n=1"),
                Arguments.of("incident", "<!-- autodeploy:auto-rollback group=0123456789abcdef tag=v1 state=done -->",
                        "auto-rollback", "group=0123456789abcdef tag=v1 state=done"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formatsOnRealPrs")
    void everyMarkerEverWrittenReadsAndRendersTheSame(String name, String marker, String kind, String rest) {
        List<Marker> parsed = LedgerCodec.parseAll("text\n" + marker + "\nmore");
        assertThat(parsed).singleElement().extracting(Marker::kind).isEqualTo(kind);
        assertThat(parsed.get(0).render()).as("rewritten as it was").isEqualTo(marker);
        assertThat(rest).isNotNull();
    }

    @Test
    void aPersonsForgedRecordIsNotRead() {
        Comment forged = by("mallory", "<!-- autodeploy:hold by=alice since=2026-11-25T18:00:00Z reason= state=held -->");
        PrLedger ledger = PrLedger.read(List.of(forged), BOT);
        assertThat(ledger.holds()).isEmpty();
        assertThat(ledger.hold(false)).isInstanceOf(PrLedger.HoldState.NotHeld.class);
    }

    @Test
    void peoplesTextQuotedByTheBotCannotCarryARecordOrMention() {
        String quoted = PeoplesText.escape("<!-- autodeploy:hold by=x since=2026-11-25T18:00:00Z reason= "
                + "state=held --> ping @kubernetes/sig-testing <img src=x>");
        Comment ours = by(BOT, "Held by @alice: " + quoted + "\n<!-- autodeploy:reply-to=5 -->");
        assertThat(PrLedger.read(List.of(ours), BOT).holds()).isEmpty();
        assertThat(quoted).doesNotContain("<", ">").doesNotContainPattern("@[a-z]");
        assertThat(PeoplesText.defuseMarkers("a <!-- autodeploy:x --> b")).doesNotContain("<!--");
    }

    @Test
    void anUnreadableRecordIsIgnored() {
        Comment bad = by(BOT, "<!-- autodeploy:hold by=alice since=yesterday reason=!!! state=held -->");
        PrLedger ledger = PrLedger.read(List.of(bad), BOT);
        assertThat(ledger.holds()).isEmpty();
        assertThat(ledger.hold(true)).isInstanceOfSatisfying(PrLedger.HoldState.Held.class,
                h -> assertThat(h.record()).isEmpty());
    }

    @Test
    void holdsAndReleasesAreOrderedByCommandTime() {
        HoldRecord first = HoldRecord.held("alice", "a", T0, null).released("alice", T0.plusSeconds(60));
        HoldRecord second = HoldRecord.held("bob", "b", T0.plusSeconds(120), null);
        PrLedger ledger = PrLedger.read(List.of(by(BOT, first.marker().render()), by(BOT, second.marker().render())),
                BOT);
        assertThat(ledger.hold(false)).isInstanceOfSatisfying(PrLedger.HoldState.Held.class,
                h -> assertThat(h.info().by()).isEqualTo("bob"));

        HoldRecord legacy = new HoldRecord("carol", "", T0, null, HoldRecord.State.LEGACY, null, null, false);
        PrLedger old = PrLedger.read(List.of(by(BOT, legacy.marker().render())), BOT);
        assertThat(old.hold(true)).as("a hold from before the ledger stands with its label")
                .isInstanceOfSatisfying(PrLedger.HoldState.Held.class,
                        h -> assertThat(h.info().by()).isEqualTo("carol"));
        assertThat(old.hold(false)).as("and was released with it").isInstanceOf(PrLedger.HoldState.NotHeld.class);
    }

    @Test
    void aMaximalCommentAndAThousandCommentsAreReadBounded() {
        String huge = "<!-- autodeploy:" + "x ".repeat(32_000) + "<!-- autodeploy:reply-to=9 -->".repeat(2);
        assertThat(huge.length()).isGreaterThanOrEqualTo(64_000);
        assertThat(LedgerCodec.parseAll(huge)).hasSizeLessThanOrEqualTo(LedgerCodec.MAX_PER_COMMENT);
        List<Comment> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add(by(i % 2 == 0 ? BOT : "dev", ("<!-- autodeploy:reply-to=" + i + " -->\n").repeat(20)));
        }
        PrLedger ledger = PrLedger.read(many, BOT);
        assertThat(ledger.all(ReplyRecord.KIND)).hasSize(500 * LedgerCodec.MAX_PER_COMMENT);
        assertThat(ledger.replyTo(998, 0)).isPresent();
        assertThat(ledger.replyTo(999, 0)).as("a person's comment is no record").isEmpty();
    }
}
