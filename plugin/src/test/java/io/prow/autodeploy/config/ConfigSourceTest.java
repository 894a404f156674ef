package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched config: changes take effect, a bad change never does and is reported until fixed. */
class ConfigSourceTest {
    private static final String GOOD = "repos:\n  - repo: kubernetes/test-infra\n    window: {minInterval: 1h}\n";

    @TempDir
    Path dir;

    @Test
    void aChangedFileTakesEffectAndABadOneKeepsTheLastGoodConfig() throws Exception {
        Path file = dir.resolve("plugin-config.yaml");
        Files.writeString(file, GOOD);
        ConfigSource source = ConfigSource.watching(file);
        assertThat(source.reloadIfChanged()).as("unchanged").isFalse();

        Files.writeString(file, GOOD.replace("1h", "90m"));
        assertThat(source.reloadIfChanged()).isTrue();
        assertThat(source.get().repos().get(0).window().minInterval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(source.failure()).isEmpty();

        Files.writeString(file, GOOD.replace("1h", "soon"));
        assertThat(source.reloadIfChanged()).isFalse();
        assertThat(source.get().repos().get(0).window().minInterval()).as("last good config kept")
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(source.failure()).contains("1 problem(s) in plugin-config.yaml, first: "
                + "repos[0].window.minInterval: 'soon' is not a duration like 90s, 30m, 1h or 1h30m");
        assertThat(source.reloadIfChanged()).as("the same bad file again").isFalse();
        assertThat(source.failure()).isPresent();

        Files.delete(file);
        assertThat(source.reloadIfChanged()).isFalse();
        assertThat(source.failure()).hasValueSatisfying(f -> assertThat(f).contains("cannot read"));

        Files.writeString(file, GOOD);
        assertThat(source.reloadIfChanged()).isTrue();
        assertThat(source.failure()).isEmpty();
        assertThat(source.get().repos().get(0).window().minInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBadFileAtStartFailsTheStartAndAFixedSourceNeverChanges() throws Exception {
        Path file = dir.resolve("plugin-config.yaml");
        Files.writeString(file, "repos: []\n");
        assertThatThrownBy(() -> ConfigSource.watching(file)).isInstanceOf(ConfigException.class);
        ConfigSource fixed = ConfigSource.fixed(ConfigLoader.parse(GOOD));
        assertThat(fixed.reloadIfChanged()).isFalse();
        assertThat(fixed.failure()).isEmpty();
    }
}
