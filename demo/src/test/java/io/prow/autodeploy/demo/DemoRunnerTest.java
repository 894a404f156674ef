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
                "repo kubernetes/k8s.io",
                "autobumper opens #9 \"Update prow to v20261205-2468ace024\" from k8s-infra-ci-robot/k8s.io",
                "Sunday: autobumper force-pushes a newer tag to the same PR #9 and edits its title to \"Update prow "
                        + "to v20261205-0badc0ffee\"",
                "\"Waiting: no deploys on Sundays, opens Mon Dec 7 09:00 America/Los_Angeles\"",
                "\"Deploying v20261205-0badc0ffee (all gates open)\"",
                "changing [apps/prow/cluster/hook_deployment.yaml, apps/prow/cluster/prow_controller_manager_deployment"
                        + ".yaml, apps/prow/cluster/tide_deployment.yaml]",
                "Held by @prow-autodeploy-bot: alert HookDown fired 12m after deploying v20261205-0badc0ffee",
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
        assertThat(timeline).as("the force-push reuses #9: no tenth bump PR").doesNotContain("#10 opened \"Update");
        assertHoldChapter(timeline);
    }

    /**
     * Issue 12: a non-oncall {@code /hold cancel} goes through Prow's hold plugin (it removes the label for anyone),
     * our plugin refuses in its one reply, puts the label back on the unlabeled event, the bump stays held; oncall's
     * release deploys it.
     */
    private static void assertHoldChapter(String timeline) {
        int start = timeline.indexOf("Hold chapter: ");
        assertThat(start).as("the hold chapter is played").isNotNegative();
        int end = timeline.indexOf("\n\n", start);
        String chapter = timeline.substring(start, end < 0 ? timeline.length() : end);
        String indent = "\n            ";
        assertThat(chapter).contains(
                "@alice (oncall) comments `/hold deck 5xx after the last bump, looking`" + indent
                        + "plugin: #3 label +do-not-merge/hold",
                "@bob (org member, not oncall) comments `/hold cancel`" + indent
                        + "plugin: #3 comment: @bob: `/hold cancel` is only available to the oncall teams and users,"
                        + " repository admins.",
                "Prow's hold plugin: removes do-not-merge/hold for @bob",
                "GitHub sends pull_request unlabeled (sender @k8s-ci-robot) to our plugin" + indent
                        + "plugin: #3 label +do-not-merge/hold" + indent + "plugin: comment 1001 edited: @alice:",
                "status: pending \"Held by @alice: deck 5xx after the last bump, looking\"; label do-not-merge/hold "
                        + "on #3: true; bot comments on #3: 2 (the hold's, the one reply to @bob)",
                "the hold's comment now says: The `do-not-merge/hold` label was removed, but this hold stands until "
                        + "someone allowed comments `/hold cancel` (the oncall teams and users, repository admins); "
                        + "the label is back.",
                "@alice (oncall) comments `/hold cancel fixed by the deck rollback`",
                "plugin: #3 label -do-not-merge/hold" + indent + "plugin: #3 label +autodeploy/ready" + indent
                        + "plugin: status autodeploy=success \"Deploying v20261202-0f1e2d3c4b (all gates open)\"",
                "Tide merges #3 → deployed: v20261202-0f1e2d3c4b");
        assertThat(chapter).as("bob's /hold cancel is answered once").containsOnlyOnce("plugin: #3 comment: @bob:");
    }

    /** The story alone on the console: the plugin's JSON lines go to the file, and come back after. */
    @Test
    void demoLogSendsThePluginsLinesToTheFileAndRestoresTheConsole(@org.junit.jupiter.api.io.TempDir
                                                                 java.nio.file.Path dir) throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        java.util.List<String> before = new java.util.ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(a -> before.add(a.getName()));
        java.nio.file.Path file = dir.resolve("demo.log");
        try (DemoLog ignored = DemoLog.toFile(file)) {
            java.util.List<String> during = new java.util.ArrayList<>();
            root.iteratorForAppenders().forEachRemaining(a -> during.add(a.getName()));
            assertThat(during).containsExactly("demo-file");
            org.slf4j.LoggerFactory.getLogger("io.prow.autodeploy.demo").info("reconciled kubernetes/k8s.io#9");
        }
        assertThat(java.nio.file.Files.readString(file)).contains("\"level\":\"INFO\"",
                "\"formattedMessage\":\"reconciled kubernetes\\/k8s.io#9\"");
        java.util.List<String> after = new java.util.ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(a -> after.add(a.getName()));
        assertThat(after).containsExactlyElementsOf(before);
    }
}
