package io.prow.autodeploy.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a push changed, read from the real push payload (webhooks/push.main.json) and edits of it. */
class PushedPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYMENT = "apps/prow/cluster/hook_deployment.yaml";

    static Stream<Arguments> cases() {
        return Stream.of(
                row("Tide's merge of the bump names the deployment file", p -> { }, Optional.of(Set.of(DEPLOYMENT))),
                row("added, removed and modified all count", p -> {
                    commit(p).withArray("added").add("docs/new.md");
                    commit(p).withArray("removed").add("docs/old.md");
                }, Optional.of(Set.of(DEPLOYMENT, "docs/new.md", "docs/old.md"))),
                row("two commits: the union", p -> {
                    ObjectNode second = commit(p).deepCopy();
                    second.withArray("modified").removeAll().add("README.md");
                    p.withArray("commits").add(second);
                }, Optional.of(Set.of(DEPLOYMENT, "README.md"))),
                row("19 commits are a full list", p -> repeatCommit(p, 19), Optional.of(Set.of(DEPLOYMENT))),
                row("20 commits may be cut short: unknown", p -> repeatCommit(p, 20), Optional.empty()),
                row("no commits listed: unknown", p -> p.withArray("commits").removeAll(), Optional.empty()),
                row("no commits field: unknown", p -> p.remove("commits"), Optional.empty()),
                row("a forced push rewrote history: unknown", p -> p.put("forced", true), Optional.empty()),
                row("a deleted ref: unknown", p -> p.put("deleted", true), Optional.empty()),
                row("a file list that is not a list: unknown", p -> commit(p).put("modified", "x"), Optional.empty()),
                row("a file that is not a string: unknown", p -> commit(p).withArray("added").add(7),
                        Optional.empty()),
                row("more files than the bound: unknown", p -> {
                    ArrayNode added = commit(p).withArray("added");
                    for (int i = 0; i < PushedPaths.MAX_PATHS; i++) {
                        added.add("f/" + i);
                    }
                }, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsWhatThePushChanged(Consumer<ObjectNode> edit, Optional<Set<String>> expected) throws IOException {
        ObjectNode payload = realPush();
        edit.accept(payload);
        assertThat(PushedPaths.of(payload)).isEqualTo(expected);
    }

    private static Arguments row(String name, Consumer<ObjectNode> edit, Optional<Set<String>> expected) {
        return Arguments.of(Named.of(name, edit), expected);
    }

    private static ObjectNode commit(ObjectNode payload) {
        return (ObjectNode) payload.withArray("commits").get(0);
    }

    private static void repeatCommit(ObjectNode payload, int total) {
        JsonNode one = commit(payload);
        while (payload.withArray("commits").size() < total) {
            payload.withArray("commits").add(one.deepCopy());
        }
    }

    private static ObjectNode realPush() throws IOException {
        try (InputStream in = PushedPathsTest.class.getResourceAsStream("/webhooks/push.main.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
