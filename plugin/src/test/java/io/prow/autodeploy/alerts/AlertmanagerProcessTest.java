package io.prow.autodeploy.alerts;

import io.prow.autodeploy.sandbox.AlertmanagerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness must fail loudly, never skip, when there is no Alertmanager to test against. */
class AlertmanagerProcessTest {
    @TempDir
    Path dir;

    @Test
    void missingBinaryFailsAndSaysToRunMakeDeps() {
        assertThatThrownBy(() -> AlertmanagerProcess.binary(dir.resolve("nope"), dir.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Run `make deps`");
    }

    @Test
    void findsAlertmanagerOnPath() throws Exception {
        Path bin = Files.createFile(dir.resolve("alertmanager"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(AlertmanagerProcess.binary(dir.resolve("nope"), "/nonexistent:" + dir)).isEqualTo(bin);
    }
}
