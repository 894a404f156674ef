package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
    static Stream<Arguments> parses() {
        return Stream.of(
                Arguments.of("90s", Duration.ofSeconds(90)),
                Arguments.of("30m", Duration.ofMinutes(30)),
                Arguments.of("1h", Duration.ofHours(1)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("2h45m30s", Duration.ofSeconds(2 * 3600 + 45 * 60 + 30)),
                Arguments.of("250ms", Duration.ofMillis(250)),
                Arguments.of("1m30ms", Duration.ofMinutes(1).plusMillis(30)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("0s", Duration.ZERO),
                Arguments.of(" 5m ", Duration.ofMinutes(5)),
                Arguments.of("48h", Duration.ofDays(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void parses(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rejects ''{0}''")
    @ValueSource(strings = {"", " ", "1", "90", "1 h", "1.5h", "-1h", "1d", "h", "1h-30m", "PT1H"})
    void rejects(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(Duration.ZERO, "0s"),
                Arguments.of(Duration.ofSeconds(45), "45s"),
                Arguments.of(Duration.ofMinutes(90), "1h30m"),
                Arguments.of(Duration.ofHours(25), "25h"),
                Arguments.of(Duration.ofSeconds(3601), "1h1s"),
                Arguments.of(Duration.ofMillis(100), "100ms"),
                Arguments.of(Duration.ofMillis(1500), "1s500ms"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void formats(Duration d, String expected) {
        assertThat(GoDuration.format(d)).isEqualTo(expected);
        assertThat(GoDuration.parse(GoDuration.format(d))).as("round trip").isEqualTo(d);
    }
}
