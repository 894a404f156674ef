package io.prow.autodeploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * README's first command is {@code make demo}: the whole script runs (real adapter, sandbox GitHub, real
 * Alertmanager) and every chapter shows what the plugin did.
 */
class DemoRunnerTest {
    @Test
    void theDeployDayPlaysEveryChapter() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new DemoRunner(out, true).run();
        }
        String timeline = bytes.toString(StandardCharsets.UTF_8);
        assertThat(timeline).contains(
                "hook sends an unsigned event → HTTP 403",
                "\"Waiting: outside deploy hours, opens Mon Nov 30 09:00 America/Los_Angeles\"",
                "\"Deploying v20261130-1a2b3c4d5e (all gates open)\"",
                "\"Waiting: last deploy (v20261130-1a2b3c4d5e) under 1h ago, opens Mon Nov 30 10:00",
                "\"Needs oncall: announcements changed between v20261130-9f8e7d6c5b and v20261130-feedface01\"",
                "\"Deploying v20261130-feedface01 (all gates open)\"",
                "comment: Deploys are still held (carried over from #6)",
                "#8 opened \"Roll back Prow to v20261130-9f8e7d6c5b (from v20261130-feedface01)\"",
                "@bob: `/hold cancel` is only available to the oncall teams and users, repository admins",
                "\"Waiting: no deploys on Saturdays, opens Mon Dec 7 09:00 America/Los_Angeles\"",
                "Alertmanager (http://127.0.0.1:",
                "#10 opened \"Roll back Prow to v20261130-feedface01 (from v20261205-0badc0ffee)\"",
                "Deployed: v20261205-0badc0ffee",
                "the deploy job has not reported yet → deployed: v20261118-a1b2c3d4e5, in flight: v20261201-1a2b3c4d5e",
                "rolling out: 2/3 containers",
                "deck rolled out too → deployed: v20261201-1a2b3c4d5e",
                "\"Running v20261201-1a2b3c4d5e since",
                "not running after 30m: tide, deck not on v20261201-9f8e7d6c5b",
                "**Rollout of `v20261201-9f8e7d6c5b` is stuck**",
                "`/rollback v20261201-1a2b3c4d5e`");
    }
}
