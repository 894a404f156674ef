package io.prow.autodeploy.rollback;

import static io.prow.autodeploy.rollback.RollbackWorld.A;
import static io.prow.autodeploy.rollback.RollbackWorld.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageTagRewriterTest {
    private static final String P = ProwManifests.PREFIX;
    private static final Pattern TAG = Pattern.compile("v[0-9]{8}-[0-9a-f]{7,12}");
    private static final ImageTagRewriter REWRITER = new ImageTagRewriter(List.of(P), TAG);

    /** {@code changes} as {@code image@line from→to}. */
    record Case(String name, String text, String target, String expected, List<String> changes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String longer = "v20261124-1a2b3c4d5e";
        return Stream.of(
                new Case("bare image line", "    image: " + P + "hook:" + C + "\n", A,
                        "    image: " + P + "hook:" + A + "\n", List.of(P + "hook@1 " + C + "→" + A)),
                new Case("double quotes and a trailing comment kept",
                        "  image: \"" + P + "hook:" + C + "\" # keep me\n", A,
                        "  image: \"" + P + "hook:" + A + "\" # keep me\n", List.of(P + "hook@1 " + C + "→" + A)),
                new Case("single quotes kept", "image: '" + P + "tide:" + C + "'", A, "image: '" + P + "tide:" + A + "'",
                        List.of(P + "tide@1 " + C + "→" + A)),
                new Case("list item and CRLF kept", "containers:\r\n- image: " + P + "sinker:" + C + "\r\n  name: x\r\n", A,
                        "containers:\r\n- image: " + P + "sinker:" + A + "\r\n  name: x\r\n",
                        List.of(P + "sinker@2 " + C + "→" + A)),
                new Case("two flags on one args line", "a\nb\n- exec x --image=" + P + "clonerefs:" + C
                        + " --sidecar-image=" + P + "sidecar:" + C + "\n", A,
                        "a\nb\n- exec x --image=" + P + "clonerefs:" + A + " --sidecar-image=" + P + "sidecar:" + A + "\n",
                        List.of(P + "clonerefs@3 " + C + "→" + A, P + "sidecar@3 " + C + "→" + A)),
                new Case("other registry untouched", "image: gcr.io/k8s-staging-test-infra/ghproxy:" + C + "\n", A,
                        "image: gcr.io/k8s-staging-test-infra/ghproxy:" + C + "\n", List.of()),
                new Case("prefix inside a longer reference untouched",
                        "image: mirror.example/" + P + "hook:" + C + "\n", A,
                        "image: mirror.example/" + P + "hook:" + C + "\n", List.of()),
                new Case("a longer tag is one token, not the target plus a tail", "image: " + P + "hook:" + longer + "0",
                        longer, "image: " + P + "hook:" + longer, List.of(P + "hook@1 " + longer + "0→" + longer)),
                new Case("the target as a prefix of the tag is not 'already there'", "image: " + P + "hook:" + longer + "0\n"
                        + "image: " + P + "tide:" + longer + "\n", longer,
                        "image: " + P + "hook:" + longer + "\nimage: " + P + "tide:" + longer + "\n",
                        List.of(P + "hook@1 " + longer + "0→" + longer)),
                new Case("tag of another shape untouched", "image: " + P + "debug:latest\nimage: " + P + "hook:"
                        + "v20261124-1a2b3c4d5e0123\n", A,
                        "image: " + P + "debug:latest\nimage: " + P + "hook:v20261124-1a2b3c4d5e0123\n", List.of()),
                new Case("digest-pinned image untouched", "image: " + P + "hook:" + C + "@sha256:0123abcd\n", A,
                        "image: " + P + "hook:" + C + "@sha256:0123abcd\n", List.of()),
                new Case("image without a tag untouched", "image: " + P + "hook\n", A, "image: " + P + "hook\n", List.of()),
                new Case("already on the target: no change", "image: " + P + "hook:" + A + "\n", A,
                        "image: " + P + "hook:" + A + "\n", List.of()),
                new Case("images on different tags all end on the target",
                        "image: " + P + "hook:" + C + "\n---\nimage: " + P + "tide:v20261120-bbbbbbbbb\n", A,
                        "image: " + P + "hook:" + A + "\n---\nimage: " + P + "tide:" + A + "\n",
                        List.of(P + "hook@1 " + C + "→" + A, P + "tide@3 v20261120-bbbbbbbbb→" + A)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rewritesOnlyOurTags(Case c) {
        ImageTagRewriter.Rewrite r = REWRITER.rewrite(c.text(), c.target());

        assertThat(r.text()).isEqualTo(c.expected());
        assertThat(r.changes()).map(ch -> ch.image() + "@" + ch.line() + " " + ch.fromTag() + "→" + ch.toTag())
                .containsExactlyElementsOf(c.changes());
        assertThat(r.changed()).isEqualTo(!c.changes().isEmpty());
    }

    @Test
    void realClusterFilesComeOutExactlyAsTheyWereDeployedAtTheTarget() {
        Map<String, String> now = ProwManifests.at(C);
        Map<String, String> then = ProwManifests.at(A);

        for (Map.Entry<String, String> file : now.entrySet()) {
            ImageTagRewriter.Rewrite r = REWRITER.rewrite(file.getValue(), A);

            assertThat(r.text()).as(file.getKey()).isEqualTo(then.get(file.getKey()));
            List<String> lines = List.of(r.text().split("\n", -1));
            assertThat(r.changes()).as(file.getKey()).isNotEmpty().allSatisfy(ch ->
                    assertThat(lines.get(ch.line() - 1)).contains(ch.image() + ":" + A));
        }
    }

    @Test
    void everyImageOfTheHookDeploymentIsReportedWithItsLine() {
        ImageTagRewriter.Rewrite r = REWRITER.rewrite(ProwManifests.at(C).get("config/prow/cluster/hook_deployment.yaml"),
                A);

        assertThat(r.changes()).extracting(ImageChange::image, ImageChange::line)
                .containsExactly(tuple(P + "checkconfig", 22), tuple(P + "hook", 26));
    }

    @Test
    void refusesToWriteATargetThatIsNoTag() {
        assertThatThrownBy(() -> REWRITER.rewrite("image: " + P + "hook:" + C, "$(id)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> REWRITER.rewrite("image: " + P + "hook:" + C, "latest"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
