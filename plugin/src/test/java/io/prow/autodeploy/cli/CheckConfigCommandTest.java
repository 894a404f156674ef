package io.prow.autodeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What an admin sees from {@code check-config}, and that the binary has the flags every Prow plugin has. */
class CheckConfigCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theEmbeddedDefaultIsValid() {
        Run r = run("check-config");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("embedded: OK, 1 repo(s)");
    }

    @Test
    void everyProblemIsPrintedWithItsKeyPathAndTheExitIsNonZero() throws Exception {
        Path bad = dir.resolve("plugin-config.yaml");
        Files.writeString(bad, """
                repos:
                  - repo: kubernetes/test-infra
                    window:
                      timezone: Mars/Olympus_Mons
                      hours: 9-5
                      minInterval: soon
                    hold:
                      whoCanHold: [everyone]
                """);
        Run r = run("check-config", "--config-path=" + bad);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(
                bad + ": repos[0].window.timezone: 'Mars/Olympus_Mons' is not an IANA time zone such as America/Los_Angeles",
                bad + ": repos[0].window.hours: must be HH:MM-HH:MM, e.g. 09:00-17:00, got 9-5",
                bad + ": repos[0].window.minInterval: 'soon' is not a duration like 90s, 30m, 1h or 1h30m",
                bad + ": repos[0].hold.whoCanHold[0]: unknown role 'everyone' (known: org-members, oncall, repo-admins)",
                "4 problem(s); the plugin would not start with this config.");
    }

    @Test
    void aMissingFileIsAProblemNotAStackTrace() {
        Run r = run("check-config", "--config-path=" + dir.resolve("nope.yaml"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read").doesNotContain("Exception\n\tat");
    }

    @Test
    void servesWithProwsPluginFlags() {
        Run r = run("--help");
        assertThat(r.out()).contains("--port", "--dry-run", "--hmac-secret-file", "--github-token-path",
                "--github-endpoint", "--github-app-id", "--github-app-private-key-path", "--config-path",
                "--log-level", "--health-port", "--metrics-port", "check-config", "simulate", "demo");
    }

    @Test
    void serveRefusesToStartOnABadConfig() throws Exception {
        Path bad = dir.resolve("plugin-config.yaml");
        Files.writeString(bad, "repos: []\n");
        // Ports 0 would bind if the server started; exit 2 comes before any server, secret or GitHub client.
        Run r = run("--config-path=" + bad, "--port=0", "--health-port=0", "--metrics-port=0",
                "--hmac-secret-file=" + dir.resolve("no-hmac"), "--github-token-path=" + dir.resolve("no-token"));
        assertThat(r.exit()).isEqualTo(2);
    }
}
