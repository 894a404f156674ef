package io.prow.autodeploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation message with its key path. An expected problem is {@code path: reason}; one ending in
 * {@code ...} matches by prefix, for the tail that Jackson or the JDK words (their text is not ours to pin).
 */
class ConfigLoaderTest {
    /** A config with one repo {@code o/r} whose entry has {@code fields} (YAML lines of a repo entry). */
    static String repo(String fields) {
        return "repos:\n  - repo: o/r\n" + fields.lines().map(l -> "    " + l + "\n").collect(Collectors.joining());
    }

    record Case(String name, String yaml, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String yaml, String... problems) {
        return new Case(name, yaml, List.of(problems));
    }

    static Stream<Case> cases() {
        return Stream.of(
                // ---- read by Jackson: syntax, unknown keys, types (it stops at the first)
                c("unknown key", repo("window:\n  hourz: '09:00-17:00'"),
                        "repos[0].window.hourz: unknown key (known here: blackouts, days, hours, minInterval, timezone)"),
                c("unknown top-level key", "reconcileIntervall: 5m\nrepos: []\n",
                        "reconcileIntervall: unknown key (known here: commands, reconcileInterval, repos)"),
                c("a scalar where a list belongs", repo("window:\n  days: MON"),
                        "repos[0].window.days: Cannot construct instance of `java.util.ArrayList`..."),
                c("not a boolean", repo("alerts:\n  autoRollback: {enabled: maybe}"),
                        "repos[0].alerts.autoRollback.enabled: Cannot deserialize value of type `java.lang.Boolean`..."),
                c("bad YAML syntax names line and column", repo("window: {hours: '09:00-17:00'"),
                        "line 4, column 1: not valid YAML: expected ',' or '}', but got <stream end> "
                                + "(while parsing a flow mapping)"),
                c("bad indentation names the line", "repos:\n  - repo: o/r\n   baseBranch: x\n",
                        "line 3, column 4: not valid YAML: expected <block end>, but found '<block mapping start>' "
                                + "(while parsing a block collection)"),
                c("a tab names its own line", "repos:\n\t- repo: o/r\n",
                        "line 2, column 1: not valid YAML: found character '\\t(TAB)' that cannot start any token. "
                                + "(Do not use \\t(TAB) for indentation) (while scanning for the next token)"),
                c("empty file", "", "repos: the file is empty"),
                c("comments only", "# nothing yet\n", "repos: the file is empty"),
                // ---- plugin level
                c("no repos", "repos: []\n", "repos: must list at least one repository"),
                c("empty repo entry", "repos:\n  - repo: o/r\n  -\n", "repos[1]: is empty"),
                c("duplicate repo", "repos:\n  - repo: o/r\n  - repo: o/r\n", "repos[1].repo: 'o/r' is listed twice"),
                c("bad reconcileInterval", "reconcileInterval: 5 minutes\n" + repo(""),
                        "reconcileInterval: '5 minutes' is not a duration like 90s, 30m, 1h or 1h30m"),
                c("reconcileInterval too short", "reconcileInterval: 5s\n" + repo(""),
                        "reconcileInterval: must be at least 10s, got 5s"),
                c("repo missing", "repos:\n  - baseBranch: main\n", "repos[0].repo: is required (org/repo)"),
                c("repo not org/repo", "repos:\n  - repo: just-a-name\n", "repos[0].repo: 'just-a-name' is not org/repo"),
                c("blank baseBranch", repo("baseBranch: ' '"), "repos[0].baseBranch: must not be empty"),
                // ---- autobump
                c("empty required list", repo("autobump:\n  authors: []"),
                        "repos[0].autobump.authors: must not be empty (leave the key out for the default)"),
                c("blank list entry", repo("autobump:\n  authors: [k8s-ci-robot, '']"),
                        "repos[0].autobump.authors[1]: must not be empty"),
                c("bad regex", repo("autobump:\n  titlePattern: 'Update Prow to (?<tag>\\S+'"),
                        "repos[0].autobump.titlePattern: is not a valid regular expression: Unclosed group..."),
                c("titlePattern without tag group", repo("autobump:\n  titlePattern: '^Update Prow to (\\S+)'"),
                        "repos[0].autobump.titlePattern: must capture the tag in a group named 'tag', "
                                + "e.g. (?i)^Update prow to (?<tag>\\S+)"),
                c("tagPattern matching a path", repo("autobump:\n  tagPattern: '.+'"),
                        "repos[0].autobump.tagPattern: must not match an empty string or a path; "
                                + "tags become branch names"),
                c("bad glob", repo("autobump:\n  paths: ['config/[prow']"),
                        "repos[0].autobump.paths[0]: is not a valid glob: ..."),
                // ---- merge
                c("requiredContexts with our own context", repo("merge:\n  requiredContexts: [unit, autodeploy]"),
                        "repos[0].merge.requiredContexts: must not contain our own status context 'autodeploy'"),
                c("merge labels with the hold label", repo("merge:\n  labels: [do-not-merge/hold]"),
                        "repos[0].merge.labels: must not contain the hold label 'do-not-merge/hold'"),
                // ---- window
                c("bad timezone", repo("window:\n  timezone: Mars/Olympus"),
                        "repos[0].window.timezone: 'Mars/Olympus' is not an IANA time zone such as America/Los_Angeles"),
                c("no days", repo("window:\n  days: []"), "repos[0].window.days: must name at least one day"),
                c("unknown day", repo("window:\n  days: [MON, FUNDAY]"),
                        "repos[0].window.days[1]: 'FUNDAY' is not a weekday (MON, TUE, ... or MONDAY, ...)"),
                c("bad hours format", repo("window:\n  hours: 9-5"),
                        "repos[0].window.hours: must be HH:MM-HH:MM, e.g. 09:00-17:00, got 9-5"),
                c("hours ending before they start", repo("window:\n  hours: '17:00-09:00'"),
                        "repos[0].window.hours: end must be after start, got 17:00-09:00"),
                c("bad blackout range, end before start", repo("window:\n  blackouts: ['2027-01-02..2026-12-24']"),
                        "repos[0].window.blackouts[0]: must be YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD with the start "
                                + "first, got 2027-01-02..2026-12-24"),
                c("bad blackout date", repo("window:\n  blackouts: ['2026-12-24', 'xmas']"),
                        "repos[0].window.blackouts[1]: must be YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD with the start "
                                + "first, got xmas"),
                c("bad duration", repo("window:\n  minInterval: 1 hour"),
                        "repos[0].window.minInterval: '1 hour' is not a duration like 90s, 30m, 1h or 1h30m"),
                c("a duration too large for Java", repo("window:\n  minInterval: 9999999999999999h"),
                        "repos[0].window.minInterval: '9999999999999999h' is too large a duration"),
                c("a number too large for Java", repo("window:\n  minInterval: 99999999999999999999h"),
                        "repos[0].window.minInterval: '99999999999999999999h' is too large a duration"),
                // ---- hold, rollback
                c("unknown role", repo("hold:\n  whoCanHold: [org-members, admins]"),
                        "repos[0].hold.whoCanHold[1]: unknown role 'admins' (known: org-members, oncall, repo-admins)"),
                c("no roles", repo("rollback:\n  whoCan: []"), "repos[0].rollback.whoCan: must name at least one role"),
                c("bad rollback merge", repo("rollback:\n  merge: auto"),
                        "repos[0].rollback.merge: must be 'tide' (label for Tide at once) or 'review' (leave for "
                                + "people), got 'auto'"),
                // ---- alerts, oncall
                c("bad alert matcher", repo("alerts:\n  alertmanagerUrl: http://am:9093\n  matchers: ['severity:critical']"),
                        "repos[0].alerts.matchers[0]: must look like name=\"value\" (operators = != =~ !~), "
                                + "got severity:critical"),
                c("alertmanagerUrl not http", repo("alerts:\n  alertmanagerUrl: ftp://am"),
                        "repos[0].alerts.alertmanagerUrl: is not a URL: needs http(s)://host[:port]"),
                c("timeout too short", repo("alerts:\n  timeout: 10ms"),
                        "repos[0].alerts.timeout: must be at least 100ms, got 10ms"),
                c("bad onUnreachable", repo("alerts:\n  onUnreachable: ignore"),
                        "repos[0].alerts.onUnreachable: must be 'closed' (block deploys, the default) or 'open', "
                                + "got 'ignore'"),
                c("autoRollback without Alertmanager", repo("alerts:\n  autoRollback: {enabled: true}"),
                        "repos[0].alerts.autoRollback.enabled: needs alerts.alertmanagerUrl"),
                c("bad oncall team", repo("oncall:\n  teams: [test-infra-oncall]"),
                        "repos[0].oncall.teams[0]: must be org/team-slug, got test-infra-oncall"),
                // ---- all at once
                c("several problems are all reported, in file order", "reconcileInterval: 1s\nrepos:\n"
                                + "  - repo: o/r\n    window: {timezone: Nowhere, hours: '17:00-09:00'}\n"
                                + "  - repo: o/r\n    hold: {whoCanHold: [everyone]}\n",
                        "reconcileInterval: must be at least 10s, got 1s",
                        "repos[0].window.timezone: 'Nowhere' is not an IANA time zone such as America/Los_Angeles",
                        "repos[0].window.hours: end must be after start, got 17:00-09:00",
                        "repos[1].repo: 'o/r' is listed twice",
                        "repos[1].hold.whoCanHold[0]: unknown role 'everyone' (known: org-members, oncall, "
                                + "repo-admins)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsEveryProblemWithItsPath(Case c) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(c.yaml()));
        assertThat(e).as("parse should fail").isNotNull();
        List<String> actual = e.problems().stream().map(ConfigProblem::toString).toList();
        assertThat(actual).hasSameSizeAs(c.problems());
        for (int i = 0; i < actual.size(); i++) {
            String want = c.problems().get(i);
            if (want.endsWith("...")) {
                assertThat(actual.get(i)).startsWith(want.substring(0, want.length() - 3));
            } else {
                assertThat(actual.get(i)).isEqualTo(want);
            }
        }
        assertThat(e.getMessage()).isEqualTo(String.join("\n", actual));
    }

    @Test
    void aMinimalConfigTakesTheDefaults() throws ConfigException {
        RepoConfig r = ConfigLoader.parse(repo("")).repos().get(0);
        assertThat(r.baseBranch()).isEqualTo("master");
        assertThat(r.autobump().tagFromTitle("Update Prow to v20261127-abc1234")).contains("v20261127-abc1234");
        assertThat(r.merge().ignoredContexts()).containsExactly("tide");
        assertThat(r.window().timezone().getId()).isEqualTo("UTC");
        assertThat(r.window().minInterval()).hasHours(1);
        assertThat(r.alerts().url()).isEmpty();
        assertThat(r.alerts().openWhenUnreachable()).isFalse();
    }

    @Test
    void unquotedDatesAndHoursToMidnightAreAccepted() throws ConfigException {
        RepoConfig r = ConfigLoader.parse(repo("window:\n  hours: 09:00-24:00\n  blackouts: [2026-12-24, "
                + "2026-12-25..2027-01-01]\n  days: [monday, Fri]")).repos().get(0);
        assertThat(r.window().blackouts()).hasSize(2);
        assertThat(r.window().end()).isEqualTo(java.time.LocalTime.MAX);
        assertThat(r.window().days()).containsExactlyInAnyOrder(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY);
    }
}
