package io.prow.autodeploy.deploy.gates;

import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.ledger.InertText;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text we cut (the status description, text echoed in replies) is cut between code points: an emoji (a surrogate
 * pair in Java) that straddles the limit is dropped whole, never halved into a lone surrogate GitHub would reject.
 */
class TextCutTest {
    private static final String EMOJI = "\uD83D\uDE80"; // 🚀, two chars, one code point

    /** Text that puts the emoji at every position around {@code limit}. */
    static Stream<Integer> offsets() {
        return IntStream.rangeClosed(-3, 3).boxed();
    }

    private static String emojiAt(int index, int total) {
        return "x".repeat(index) + EMOJI + "y".repeat(Math.max(0, total - index));
    }

    @ParameterizedTest(name = "status with the emoji at 139{0}")
    @MethodSource("offsets")
    void statusDescriptionIsCutOnCodePoints(int offset) {
        String prefix = "Held by @bob: ";
        String reason = emojiAt(Decision.STATUS_MAX - 1 + offset - prefix.length(), 300);
        Decision d = new Decision(List.of(GateResult.closed("hold", prefix + reason)), Optional.empty());

        String text = d.statusText();

        assertWellFormed(text);
        assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(Decision.STATUS_MAX);
        assertThat(text).endsWith("…");
    }

    @ParameterizedTest(name = "inert text with the emoji at 119{0}")
    @MethodSource("offsets")
    void echoedTextIsCutOnCodePoints(int offset) {
        String text = InertText.of(emojiAt(InertText.MAX - 1 + offset, 300));

        assertWellFormed(text);
        assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(InertText.MAX);
    }

    @ParameterizedTest(name = "short text with {0} emoji is kept whole")
    @MethodSource("offsets")
    void textOfEmojiUnderTheLimitInCodePointsIsNotCut(int offset) {
        // 100 emoji are 200 chars but 100 code points: under both limits, nothing is cut.
        String emoji = EMOJI.repeat(100 + offset);
        assertThat(InertText.of(emoji)).isEqualTo(emoji);
        assertThat(new Decision(List.of(GateResult.closed("hold", emoji)), Optional.empty()).statusText())
                .isEqualTo(emoji);
    }

    static void assertWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                        .as("high surrogate at %d is followed by its low half in %s", i, s).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d in %s", i, s).isFalse();
            }
        }
    }
}
