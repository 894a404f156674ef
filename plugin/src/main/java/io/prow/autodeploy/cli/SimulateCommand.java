package io.prow.autodeploy.cli;

import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code simulate}: prints, per repo, the hours of the coming days in which a deploy could happen and why not
 * (window, blackout, pacing), so a window config can be checked before it is trusted with production.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Show, hour by hour, when each repo could deploy over the next days (window, blackouts, "
                + "pacing), assuming a bump is always waiting.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--config-path", paramLabel = "FILE",
            description = "Plugin config file, or 'embedded' (the default) for the built-in default config.")
    String configPath;

    @Option(names = "--start", paramLabel = "WHEN", converter = WhenConverter.class,
            description = "2026-11-30 (midnight), 2026-11-30T08:00 (both in each repo's zone) or "
                    + "2026-11-30T16:00Z / 2026-11-30T08:00-08:00 (an exact instant). Default: now.")
    When start;

    @Option(names = "--last-deploy", paramLabel = "WHEN", converter = WhenConverter.class,
            description = "When the last deploy merged, for pacing; same forms as --start. Default: none.")
    When lastDeploy;

    @Option(names = "--days", defaultValue = "7", description = "How many days to show (1-366, default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--repo", paramLabel = "ORG/REPO", description = "Only this repo (default: every repo).")
    String repo;

    @Spec
    CommandSpec spec;

    private final Clock clock;

    public SimulateCommand() {
        this(Clock.systemUTC());
    }

    /** With a fixed clock, "now" is reproducible in tests. */
    public SimulateCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (days < 1 || days > 366) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--days must be 1-366, got " + days);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PluginConfig config;
        try {
            // The same reading as serve and check-config: a path, or "embedded" (also the default) for the built-in.
            config = Main.loadConfig(configPath == null ? "embedded" : configPath);
        } catch (ConfigException e) {
            err.println("The config has problems (run check-config for details):");
            err.println(e.getMessage());
            return 1;
        }
        List<RepoConfig> repos = config.repos().stream()
                .filter(r -> repo == null || r.repo().toString().equals(repo.trim())).toList();
        if (repos.isEmpty()) {
            err.println("No repo " + repo + " in the config; it has: "
                    + config.repos().stream().map(r -> r.repo().toString()).collect(Collectors.joining(", ")));
            return 1;
        }
        Instant now = clock.instant();
        for (int i = 0; i < repos.size(); i++) {
            RepoConfig r = repos.get(i);
            ZoneId zone = r.window().timezone();
            Instant from = start == null ? now : start.in(zone);
            Optional<Instant> last = Optional.ofNullable(lastDeploy).map(w -> w.in(zone));
            out.print((i > 0 ? "\n" : "") + WindowSimulator.render(WindowSimulator.simulate(r, from, last, days)));
        }
        out.flush();
        return 0;
    }

    /** A time given on the command line: exact, or a wall time that each repo reads in its own zone. */
    public record When(String text, Function<ZoneId, Instant> resolve) {
        public Instant in(ZoneId zone) {
            return resolve.apply(zone);
        }
    }

    /** Accepts an ISO instant with offset or zone, an ISO local date-time, or an ISO date (its midnight). */
    public static final class WhenConverter implements CommandLine.ITypeConverter<When> {
        @Override
        public When convert(String value) {
            String v = value.trim();
            try {
                Instant exact = ZonedDateTime.parse(v).toInstant();
                return new When(v, zone -> exact);
            } catch (DateTimeParseException notExact) {
                // fall through to the wall-time forms
            }
            try {
                LocalDateTime local = LocalDateTime.parse(v);
                return new When(v, zone -> local.atZone(zone).toInstant());
            } catch (DateTimeParseException notLocal) {
                // fall through to a plain date
            }
            try {
                LocalDate date = LocalDate.parse(v);
                return new When(v, zone -> date.atStartOfDay(zone).toInstant());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a date (2026-11-30), date-time (2026-11-30T08:00) or instant (2026-11-30T16:00Z)");
            }
        }
    }
}
