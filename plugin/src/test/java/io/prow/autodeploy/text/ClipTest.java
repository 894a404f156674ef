package io.prow.autodeploy.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClipTest {
    private static final String ROCKET = "\uD83D\uDE80";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("short text is kept", "abc", 5, "abc", "abc"),
                Arguments.of("exactly the limit is kept", "abcde", 5, "abcde", "abcde"),
                Arguments.of("one over is cut", "abcdef", 5, "abcd…", "abcde"),
                Arguments.of("emoji count as one", ROCKET.repeat(5), 5, ROCKET.repeat(5), ROCKET.repeat(5)),
                Arguments.of("emoji straddling the cut is dropped whole", "abc" + ROCKET + "def", 5,
                        "abc" + ROCKET + "…", "abc" + ROCKET + "d"),
                Arguments.of("cut right before an emoji", "abcd" + ROCKET + "x", 5, "abcd…", "abcd" + ROCKET),
                Arguments.of("null is empty", null, 5, "", ""),
                Arguments.of("limit 0", "abc", 0, "", ""),
                Arguments.of("a lone surrogate in the input stays a single unit", "ab\uD83Dcdef", 3, "ab…",
                        "ab\uD83D"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cutsOnCodePoints(String name, String text, int max, String withEllipsis, String head) {
        assertThat(Clip.withEllipsis(text, max)).isEqualTo(withEllipsis);
        assertThat(Clip.head(text, max)).isEqualTo(head);
    }
}
