package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both of Prow's HMAC secret formats, scope precedence, rotation, and reload while running. */
class HmacSecretsTest {
    private static final byte[] BODY = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    static final String YAML = """
            '*':
              - value: global-old
                created_at: 2025-01-01T00:00:00Z
              - value: global-new
                created_at: 2026-01-01T00:00:00Z
            kubernetes:
              - value: org-token
                created_at: 2026-01-01T00:00:00Z
            kubernetes/test-infra:
              - value: repo-token
                created_at: 2026-01-01T00:00:00Z
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("legacy token, any repo", "  legacy-token\n", "someone", "else", "legacy-token", true),
                Arguments.of("legacy token, wrong token", "legacy-token", "o", "r", "other", false),
                Arguments.of("yaml: repo scope wins", YAML, "kubernetes", "test-infra", "repo-token", true),
                Arguments.of("yaml: org token not valid where a repo scope exists", YAML, "kubernetes",
                        "test-infra", "org-token", false),
                Arguments.of("yaml: org scope for another repo of the org", YAML, "kubernetes", "kubernetes",
                        "org-token", true),
                Arguments.of("yaml: global old token during rotation", YAML, "other", "repo", "global-old", true),
                Arguments.of("yaml: global new token during rotation", YAML, "other", "repo", "global-new", true),
                Arguments.of("yaml: unknown repo does not get the org token", YAML, "other", "repo", "org-token",
                        false),
                Arguments.of("yaml: payload without repository uses '*'", YAML, null, null, "global-new", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void picksTheTokensHookWould(String name, String file, String org, String repo, String signWith,
                                 boolean valid) throws IOException {
        Path f = dir.resolve("hmac");
        Files.writeString(f, file);
        HmacSecrets s = HmacSecrets.load(f);
        String sig = SignatureVerifier.sign(BODY, signWith.getBytes(StandardCharsets.UTF_8));
        assertThat(SignatureVerifier.valid(BODY, sig, s.tokensFor(org, repo))).isEqualTo(valid);
    }

    @Test
    void reloadsWhenTheFileChangesAndKeepsOldTokensWhenTheNewFileIsBad() throws IOException {
        Path f = dir.resolve("hmac");
        Files.writeString(f, "first");
        HmacSecrets s = HmacSecrets.load(f);
        assertThat(s.reloadIfChanged()).as("unchanged file").isFalse();

        Files.writeString(f, YAML);
        assertThat(s.reloadIfChanged()).isTrue();
        assertThat(valid(s, "global-new")).isTrue();
        assertThat(valid(s, "first")).isFalse();

        Files.writeString(f, "'*': []\n");
        assertThat(s.reloadIfChanged()).as("a scope without tokens is rejected").isFalse();
        assertThat(valid(s, "global-new")).as("old tokens still valid").isTrue();
        assertThat(s.describe()).doesNotContain("global-new");
    }

    @Test
    void refusesToStartWithoutAToken() throws IOException {
        Path f = dir.resolve("hmac");
        Files.writeString(f, "  \n");
        assertThatThrownBy(() -> HmacSecrets.load(f)).hasMessageContaining("empty");
        assertThatThrownBy(() -> HmacSecrets.load(dir.resolve("missing"))).isInstanceOf(IOException.class);
    }

    private static boolean valid(HmacSecrets s, String token) {
        return SignatureVerifier.valid(BODY, SignatureVerifier.sign(BODY, token.getBytes(StandardCharsets.UTF_8)),
                s.tokensFor("o", "r"));
    }

    @Test
    void signatureCheckNeedsTheExactHeaderShape() {
        List<byte[]> t = List.of("k".getBytes(StandardCharsets.UTF_8));
        String good = SignatureVerifier.sign(BODY, t.get(0));
        assertThat(SignatureVerifier.valid(BODY, good, t)).isTrue();
        assertThat(SignatureVerifier.valid(BODY, good.toUpperCase(), t)).isFalse();
        assertThat(SignatureVerifier.valid(BODY, null, t)).isFalse();
        assertThat(SignatureVerifier.valid(BODY, good, List.of())).isFalse();
    }
}
