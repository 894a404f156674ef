package io.prow.autodeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {
    /** Friday 2026-11-27 10:00 in Los Angeles. */
    static final Clock FRIDAY_10AM_LA = Clock.fixed(Instant.parse("2026-11-27T18:00:00Z"), ZoneOffset.UTC);
    static final String TWO_REPOS = """
            repos:
              - repo: o/la
                window: {timezone: America/Los_Angeles, minInterval: 3h}
              - repo: o/berlin
                window: {timezone: Europe/Berlin, blackouts: ['2026-11-30']}
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new SimulateCommand(FRIDAY_10AM_LA));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path config(String yaml) throws IOException {
        Path p = dir.resolve("plugin-config.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    static long dayRows(String out) {
        return out.lines().filter(l -> l.matches("[A-Z][a-z]{2} \\d{4}-\\d{2}-\\d{2} .*")).count();
    }

    @Test
    void defaultsToTheEmbeddedConfigSevenDaysFromNow() {
        Run r = run();
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("kubernetes/k8s.io: MON-FRI 09:00-17:00 America/Los_Angeles")
                .contains("from Fri Nov 27 10:00 America/Los_Angeles, no earlier deploy")
                .contains("Fri 2026-11-27             DDDDDDD.......   7 deploys, first 10:00")
                .contains("Thu 2026-12-03   .........DDDDDDDD.......")
                .doesNotContain("Fri 2026-12-04");
        assertThat(dayRows(r.out())).isEqualTo(7);
    }

    @Test
    void embeddedNamesTheBuiltInConfigAsForServeAndCheckConfig() {
        // `make simulate` passes --config-path=embedded, as `make check-config` does.
        Run named = run("--config-path=embedded");
        assertThat(named.exit()).isZero();
        assertThat(named.out()).isEqualTo(run().out());
    }

    @Test
    void dateStartsAtMidnightInTheRepoZoneAndDaysSetsTheHorizon() {
        Run r = run("--start", "2026-12-23", "--days", "2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Wed 2026-12-23   .........DDDDDDDD.......   8 deploys, first 09:00")
                .contains("Thu 2026-12-24   .........BBBBBBBB.......");
        assertThat(dayRows(r.out())).isEqualTo(2);
    }

    @Test
    void localDateTimeIsReadInTheRepoZoneLikeTheSameInstant() {
        Run local = run("--start", "2026-11-30T08:00", "--days", "1");
        Run exact = run("--start", "2026-11-30T16:00Z", "--days", "1");
        assertThat(local.exit()).isZero();
        assertThat(local.out()).isEqualTo(exact.out()).contains("from Mon Nov 30 08:00 America/Los_Angeles");
    }

    @Test
    void lastDeployPacesTheFirstDeploy() {
        Run r = run("--start", "2026-11-30", "--last-deploy", "2026-11-30T08:30", "--days", "1");
        assertThat(r.out()).contains("last deploy Mon Nov 30 08:30 America/Los_Angeles")
                .contains("8 deploys, first 09:30");
    }

    @Test
    void printsEveryRepoOfAConfigFileOrTheOneAsked() throws IOException {
        Path file = config(TWO_REPOS);
        Run all = run("--config-path", file.toString(), "--start", "2026-11-30", "--days", "1");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("o/la: MON-FRI 09:00-17:00 America/Los_Angeles, minInterval 3h")
                .contains("Mon 2026-11-30   .........DppDppDp.......   3 deploys, first 09:00")
                .contains("o/berlin: MON-FRI 09:00-17:00 Europe/Berlin")
                .contains("Mon 2026-11-30   .........BBBBBBBB.......");
        Run one = run("--config-path", file.toString(), "--repo", "o/berlin", "--days", "1");
        assertThat(one.out()).contains("o/berlin:").doesNotContain("o/la:");
    }

    @Test
    void unknownRepoFailsNamingTheKnownOnes() throws IOException {
        Run r = run("--config-path", config(TWO_REPOS).toString(), "--repo", "o/nope");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("No repo o/nope in the config; it has: o/la, o/berlin");
    }

    @Test
    void invalidConfigFailsWithItsProblems() throws IOException {
        Run r = run("--config-path", config("repos:\n  - repo: o/r\n    window: {hours: '17:00-09:00'}\n").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("repos[0].window.hours: end must be after start, got 17:00-09:00");
    }

    @Test
    void badStartIsAUsageError() {
        Run r = run("--start", "next tuesday");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'next tuesday' is not a date (2026-11-30)").contains("Usage: simulate");
    }

    @Test
    void daysOutOfRangeIsAUsageError() {
        Run r = run("--days", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--days must be 1-366, got 0");
    }
}
