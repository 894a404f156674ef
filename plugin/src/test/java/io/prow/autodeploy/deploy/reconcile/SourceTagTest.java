package io.prow.autodeploy.deploy.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SourceTagTest {
    record Case(String name, String tag, Optional<String> commit) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("Prow's usual 10-digit short SHA", "v20261124-1a2b3c4d5e", Optional.of("1a2b3c4d5e")),
                new Case("git's shortest abbreviation, 7", "v20261124-abc1234", Optional.of("abc1234")),
                new Case("a full 40-digit SHA", "v20261124-" + "a".repeat(40), Optional.of("a".repeat(40))),
                new Case("6 digits are too few to name a commit", "v20261124-abc123", Optional.empty()),
                new Case("41 digits are no SHA", "v20261124-" + "a".repeat(41), Optional.empty()),
                new Case("uppercase is not how git prints SHAs", "v20261124-ABC1234", Optional.empty()),
                new Case("not hex", "v20261124-abcdefg", Optional.empty()),
                new Case("a date that does not exist", "v20261399-abc1234", Optional.empty()),
                new Case("February 29th of a common year", "v20270229-abc1234", Optional.empty()),
                new Case("February 29th of a leap year", "v20280229-abc1234", Optional.of("abc1234")),
                new Case("a 7-digit date", "v2026112-abc1234", Optional.empty()),
                new Case("no v", "20261124-abc1234", Optional.empty()),
                new Case("a suffix", "v20261124-abc1234-dirty", Optional.empty()),
                new Case("a floating tag", "latest", Optional.empty()),
                new Case("empty", "", Optional.empty()),
                new Case("null", null, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parses(Case c) {
        assertThat(SourceTag.commitOf(c.tag())).isEqualTo(c.commit());
    }
}
