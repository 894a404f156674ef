package io.prow.autodeploy.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertMatchersTest {
    record Case(String name, List<String> matchers, Map<String, String> labels, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Map<String, String> HOOK_DOWN = Map.of("alertname", "HookDown", "severity", "critical", "job", "hook");

    static Stream<Case> cases() {
        return Stream.of(
                new Case("regex alternative matches", List.of("severity=~\"critical|high\""), HOOK_DOWN, true),
                new Case("regex is anchored: 'crit' does not match 'critical'", List.of("severity=~\"crit\""),
                        HOOK_DOWN, false),
                new Case("regex other value", List.of("severity=~\"critical|high\""), Map.of("severity", "info"), false),
                new Case("equality", List.of("job=\"hook\""), HOOK_DOWN, true),
                new Case("equality is exact", List.of("job=\"hoo\""), HOOK_DOWN, false),
                new Case("not equal", List.of("env!=\"dev\""), HOOK_DOWN, true),
                new Case("negative regex", List.of("job!~\"ho.*\""), HOOK_DOWN, false),
                new Case("all must match", List.of("job=\"hook\"", "severity=\"info\""), HOOK_DOWN, false),
                new Case("missing label is the empty string", List.of("team=\"\""), HOOK_DOWN, true),
                new Case("missing label fails an equality", List.of("team=\"prow\""), HOOK_DOWN, false),
                new Case("no matchers match everything", List.of(), HOOK_DOWN, true),
                new Case("spaces around the operator", List.of("severity = \"critical\""), HOOK_DOWN, true),
                new Case("escaped quote in value", List.of("summary=\"say \\\"hi\\\"\""),
                        Map.of("summary", "say \"hi\""), true),
                new Case("regex escape stays a regex escape", List.of("host=~\"a\\.b\""), Map.of("host", "axb"), false),
                new Case("regex escape matches the literal dot", List.of("host=~\"a\\.b\""), Map.of("host", "a.b"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLikeAlertmanager(Case c) {
        assertThat(AlertMatchers.parse(c.matchers()).matches(c.labels())).isEqualTo(c.matches());
    }

    @Test
    void parsesNameOperatorAndValue() {
        assertThat(AlertMatchers.parse(List.of("severity=~\"critical|high\"")).matchers())
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.name()).isEqualTo("severity");
                    assertThat(m.op()).isEqualTo(AlertMatchers.Op.REGEX);
                    assertThat(m.value()).isEqualTo("critical|high");
                });
    }

    static Stream<List<String>> invalid() {
        return Stream.of(List.of("severity"), List.of("severity=critical"), List.of("sev=~\"(\""),
                List.of("a=\"x\"y\""), List.of("1abc=\"x\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWhatIsNotAMatcher(List<String> matchers) {
        assertThatThrownBy(() -> AlertMatchers.parse(matchers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(matchers.get(0));
    }
}
