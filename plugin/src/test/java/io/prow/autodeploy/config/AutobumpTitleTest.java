package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Titles as Prow's generic-autobumper writes them (makeCommitSummary, cmd/generic-autobumper/main.go). */
class AutobumpTitleTest {
    record Case(String name, String title, String image, Optional<String> tag) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String title, String image, String tag) {
        return new Case(name, title, image, Optional.ofNullable(tag));
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("k8s.io today", "Update prow to v20261124-5f6e7d8c9b", "prow", "v20261124-5f6e7d8c9b"),
                c("several prefixes: prow second", "Update boskos to v20261101-0a1b2c3d4, prow to v20261124-5f6e7d8c9b"
                        + " and ghproxy as needed", "prow", "v20261124-5f6e7d8c9b"),
                c("several prefixes: boskos first", "Update boskos to v20261101-0a1b2c3d4, prow to "
                        + "v20261124-5f6e7d8c9b and ghproxy as needed", "boskos", "v20261101-0a1b2c3d4"),
                c("an inconsistent prefix has no tag", "Update boskos to v20261101-0a1b2c3d4, prow to "
                        + "v20261124-5f6e7d8c9b and ghproxy as needed", "ghproxy", null),
                c("test-infra names its prefix Prow", "Update Prow to v20260821-a61940897", "prow", "v20260821-a61940897"),
                c("config name in capitals, title lower case", "Update prow to v20260821-a61940897", "Prow",
                        "v20260821-a61940897"),
                c("older bumpers: no trailing comma captured", "Update prow to v20260101-abcdef123, and other images "
                        + "as necessary.", "prow", "v20260101-abcdef123"),
                c("a sentence's final dot is not the tag's", "Update prow to v20260101-abcdef123.", "prow",
                        "v20260101-abcdef123"),
                c("only other prefixes bumped consistently", "Update prow and boskos as needed", "prow", null),
                c("nothing bumped", "Update prow, boskos images as necessary", "prow", null),
                c("a name inside another word is not the name", "Update superprow to v20260101-abcdef123", "prow",
                        null),
                c("not an autobump title", "Bump prow to v20260101-abcdef123", "prow", null),
                c("no title", null, "prow", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheTagOfOneImage(Case c) {
        assertThat(AutobumpTitle.tagOf(c.title(), c.image())).isEqualTo(c.tag());
    }
}
