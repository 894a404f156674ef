package io.prow.autodeploy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The week's "no map growing after day 2" verdict ({@link WeekReport#grows}): a bounded map that settled is not
 * growth, a map that rises with each working day's traffic is. Monday to Sunday, Saturday and Sunday quiet.
 */
class WeekMapGrowthTest {
    static final List<Boolean> WEEK = List.of(true, true, true, true, true, false, false);

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("one entry more every day: growth", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), true),
                Arguments.of("one entry more every working day, flat on the quiet weekend: growth",
                        List.of(1L, 2L, 3L, 4L, 5L, 5L, 5L), true),
                Arguments.of("rises on Wednesday and Friday: growth", List.of(2L, 2L, 3L, 3L, 4L, 4L, 4L), true),
                Arguments.of("rises on the weekend without traffic: growth", List.of(2L, 2L, 2L, 2L, 2L, 2L, 3L),
                        true),
                Arguments.of("one rise on Friday, the last working day: not shown settled, growth",
                        List.of(2L, 2L, 2L, 2L, 5L, 5L, 5L), true),
                Arguments.of("holds.lastHoldAt: empty after Tuesday's restart, one entry per repo from Wednesday",
                        List.of(1L, 0L, 1L, 1L, 1L, 1L, 1L), false),
                Arguments.of("labels inside a cached closed-PR page: 0 on day 2, 3 from Wednesday",
                        List.of(3L, 0L, 3L, 3L, 3L, 3L, 3L), false),
                Arguments.of("the same page as measured 2026-11-30: 0, 0, 1, 3, then flat from Friday",
                        List.of(0L, 0L, 1L, 3L, 3L, 3L, 3L), false),
                Arguments.of("ETag entries that expire: smaller at the end", List.of(25L, 17L, 25L, 21L, 21L, 5L, 5L),
                        false),
                Arguments.of("flat", List.of(4L, 4L, 4L, 4L, 4L, 4L, 4L), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void growthIsRisingNotSettling(String name, List<Long> sizes, boolean growing) {
        assertThat(WeekReport.grows(sizes, WEEK)).as(name).isEqualTo(growing);
    }
}
