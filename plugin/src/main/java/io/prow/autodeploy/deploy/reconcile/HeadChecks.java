package io.prow.autodeploy.deploy.reconcile;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.HoldGate;
import io.prow.autodeploy.deploy.gates.TestsGate;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.StatusState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the plugin knows of each head's checks (as last read, plus the CI reports since) and of the status it last
 * showed there: what lets a CI report that cannot change the status cost no request (issue 16). Entries idle for
 * {@link #IDLE} go, on the plugin's clock: a closed PR's heads are never asked again. Bounded per map.
 */
final class HeadChecks {
    static final Duration IDLE = Duration.ofDays(1);
    // The head's checks as last read (plus reports since): what a CI report is applied to.
    private final Cache<String, List<Check>> checksBySha;
    // The text of our status last shown on a head, when a gate a CI report cannot open gave it (hold, tests running).
    private final Cache<String, String> shownBy;

    HeadChecks(Clock clock) {
        this.checksBySha = Caffeine.newBuilder().maximumSize(1_000).expireAfterAccess(IDLE)
                .ticker(() -> clock.millis() * 1_000_000L).build();
        this.shownBy = Caffeine.newBuilder().maximumSize(1_000).expireAfterAccess(IDLE)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    private static String key(RepoConfig c, String sha) {
        return c.repo() + "@" + sha;
    }

    /** The head's checks as last read plus reports since; null when not known. */
    List<Check> known(RepoConfig c, String sha) {
        return checksBySha.getIfPresent(key(c, sha));
    }

    void put(RepoConfig c, String sha, List<Check> checks) {
        checksBySha.put(key(c, sha), checks);
    }

    /**
     * Whether {@code report} cannot change what the head shows, so nothing need be read: the head's known checks show
     * our status pending with the text we last showed there, and either
     * <ul>
     * <li>that text is the hold's: the hold gate comes before tests and no {@code /retest} runs while held, so no
     * CI report, whatever its state, changes what is written; the release reads the checks again; or</li>
     * <li>it is "tests not finished", and with the report folded in the tests are still running (a start, or one
     * success while another required context runs): the gate stays closed with the same text. A failure, or the
     * success that may finish the tests, is read from GitHub.</li>
     * </ul>
     * Whatever else could change (labels, comments, pushes, the hold) comes with its own event, and the sweep reads
     * the checks again, so a lost report is caught within one sweep. When it returns true the report is kept with
     * the head's checks, so the next decision sees it.
     */
    boolean cannotChange(RepoConfig c, StatusReport report) {
        String key = key(c, report.sha());
        List<Check> known = checksBySha.getIfPresent(key);
        String text = shownBy.getIfPresent(key);
        if (known == null || text == null || !shows(c, known, text)) {
            return false;
        }
        Optional<List<Check>> folded = report.applyTo(known);
        if (!TestsGate.notFinished(report.sha()).equals(text)) { // the hold's text: no report matters while held
            folded.ifPresent(f -> checksBySha.put(key, f));
            return true;
        }
        boolean same = folded.isPresent() && report.state() != Check.State.FAILURE
                && TestsGate.stillRunning(c.merge(), report.sha(), folded.get());
        if (same) {
            checksBySha.put(key, folded.get());
        }
        return same;
    }

    /** Whether {@code known} shows our status context pending with {@code text}. */
    static boolean shows(RepoConfig c, List<Check> known, String text) {
        String context = c.merge().statusContext();
        return known.stream().anyMatch(k -> k.context().equals(context) && k.state() == Check.State.PENDING
                && text.equals(k.description()));
    }

    /**
     * Our status context on {@code sha} is now {@code state} with {@code text}, given by the first closed
     * {@code gate} (null: deploy), just written or found so: put into the head's known checks, so the next decision
     * knows what GitHub shows. A deploy's success must replace the "not finished" read before it, or a later CI
     * start would be taken as already shown and the label would stay.
     */
    void shown(RepoConfig c, String sha, StatusState state, String text, String gate) {
        String context = c.merge().statusContext();
        String key = key(c, sha);
        // Gates a CI report cannot open: the hold (before tests) and tests not finished.
        if (state == StatusState.PENDING && (HoldGate.NAME.equals(gate)
                || TestsGate.NAME.equals(gate) && TestsGate.notFinished(sha).equals(text))) {
            shownBy.put(key, text);
        } else {
            shownBy.invalidate(key);
        }
        Check.State as = switch (state) {
            case SUCCESS -> Check.State.SUCCESS;
            case PENDING -> Check.State.PENDING;
            default -> Check.State.FAILURE;
        };
        checksBySha.asMap().computeIfPresent(key, (k, list) -> {
            List<Check> out = new ArrayList<>(list.stream().filter(x -> !x.context().equals(context)).toList());
            out.add(new Check(context, as, text, null));
            return List.copyOf(out);
        });
    }
}
