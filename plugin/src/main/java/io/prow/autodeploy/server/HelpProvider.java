package io.prow.autodeploy.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.prow.autodeploy.commands.CommandRegistry;
import io.prow.autodeploy.config.GoDuration;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.deploy.gates.Gate;
import io.prow.autodeploy.deploy.gates.Gates;
import io.prow.autodeploy.metrics.status.StatusBoard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Prow's PluginHelp for hook's {@code /help}, with Go's field names; commands come from the registry.
 *
 * <p>Deck renders every text field as HTML: the plugin card and dialog put {@code Description}, {@code Config[repo]},
 * {@code Snippet} and each command's {@code Examples[0]} into {@code innerHTML}
 * (kubernetes-sigs/prow cmd/deck/static/plugin-help/plugin-help.ts), and the command table does the same with
 * {@code Usage}, {@code Examples}, {@code Description} and {@code WhoCanUse} (cmd/deck/static/command-help/
 * command-help.ts). So every string we answer is HTML-escaped here, once, at the edge: hold reasons, who held,
 * titles, config values alike. Deck shows the escaped text as the original characters.
 */
public final class HelpProvider {
    public static final List<String> EVENTS =
            List.of("pull_request", "issue_comment", "status", "check_run", "check_suite", "push");

    public record PluginHelp(
            @JsonProperty("Description") String description,
            @JsonProperty("Config") Map<String, String> config,
            @JsonProperty("Snippet") String snippet,
            @JsonProperty("Events") List<String> events,
            @JsonProperty("Commands") List<HelpCommand> commands) {}

    public record HelpCommand(
            @JsonProperty("Usage") String usage,
            @JsonProperty("Featured") boolean featured,
            @JsonProperty("Description") String description,
            @JsonProperty("Examples") List<String> examples,
            @JsonProperty("WhoCanUse") String whoCanUse) {}

    /** hook's request body entry. */
    public record OrgRepo(@JsonProperty("Org") String org, @JsonProperty("Repo") String repo) {}

    private final Supplier<PluginConfig> config;
    private final CommandRegistry registry;
    private final Gates gates;
    private final StatusBoard board;

    /** {@code config}: the config as it stands now (it may be reloaded). */
    public HelpProvider(Supplier<PluginConfig> config, CommandRegistry registry, Gates gates, StatusBoard board) {
        this.config = config;
        this.registry = registry;
        this.gates = gates;
        this.board = board;
    }

    public PluginHelp help(List<OrgRepo> enabled) {
        Map<String, String> perRepo = new LinkedHashMap<>();
        PluginConfig now = config.get();
        for (RepoConfig rc : now.repos()) {
            boolean asked = enabled == null || enabled.isEmpty() || enabled.stream().anyMatch(e ->
                    rc.repo().owner().equals(e.org()) && (e.repo() == null || e.repo().isEmpty()
                            || rc.repo().name().equals(e.repo())));
            if (asked) {
                perRepo.put(rc.repo().toString(), describe(rc));
            }
        }
        RepoConfig first = now.repos().get(0);
        List<HelpCommand> commands = registry.all().stream().map(c -> new HelpCommand(c.spec().usage(), true,
                c.spec().description(), c.spec().examples(), CommandRegistry.whoCanUse(c, first) + " (see Config per repo)"))
                .toList();
        String gateList = gates.all().stream().map(g -> g.name() + ": " + g.description())
                .collect(Collectors.joining("; "));
        return escaped(new PluginHelp("Deploys Prow continuously and safely: lets Tide merge the autobump PR only "
                + "when every deploy gate holds (" + gateList + "), sets the 'autodeploy' status naming the gate "
                + "that blocks, and offers /hold and /rollback to oncall.",
                perRepo, snippet(), EVENTS, commands));
    }

    /** The help as Deck may put it into innerHTML: every text escaped (map keys are config repo names, kept). */
    static PluginHelp escaped(PluginHelp h) {
        Map<String, String> config = new LinkedHashMap<>();
        h.config().forEach((repo, text) -> config.put(repo, StatusPage.esc(text)));
        List<HelpCommand> commands = h.commands().stream().map(c -> new HelpCommand(StatusPage.esc(c.usage()),
                c.featured(), StatusPage.esc(c.description()), c.examples().stream().map(StatusPage::esc).toList(),
                StatusPage.esc(c.whoCanUse()))).toList();
        return new PluginHelp(StatusPage.esc(h.description()), config, StatusPage.esc(h.snippet()),
                h.events().stream().map(StatusPage::esc).toList(), commands);
    }

    String describe(RepoConfig rc) {
        RepoConfig.Window w = rc.window();
        String days = w.days().stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
        Optional<StatusBoard.RepoView> view = board.view(rc.repo());
        String deployed = view.flatMap(StatusBoard.RepoView::deployed)
                .map(d -> d.tag() + " (merged " + d.mergedAt() + ")").orElse("unknown yet");
        // The running version; the one merged but not running yet is named beside it.
        deployed += view.flatMap(v -> v.inFlight().map(d -> "; in flight: " + d.tag() + ", "
                + v.rollout().detail())).orElse("");
        String hold = view.flatMap(StatusBoard.RepoView::hold).map(h -> h.describe()).orElse("none");
        String who = registry.all().stream().map(c -> c.spec().name() + ": "
                + CommandRegistry.whoCanUse(c, rc)).distinct().collect(Collectors.joining("; "));
        return "Deploys autobump PRs by @" + String.join(", @", rc.autobump().authors()) + " from branch "
                + rc.autobump().headBranch() + " into " + rc.baseBranch() + " on " + days + " "
                + w.start() + "-" + w.end() + " " + w.timezone().getId() + ", at most every "
                + GoDuration.format(w.minInterval()) + (w.blackouts().isEmpty() ? "" : ", except "
                + w.blackouts().size() + " blackout date range(s)") + ". Tide labels: "
                + String.join(", ", rc.merge().labels()) + "; status context: " + rc.merge().statusContext()
                + ". Deployed: " + deployed + ". Hold: " + hold + ". Who can: " + who + ".";
    }

    private static String snippet() {
        return "repos:\n- repo: org/repo\n  autobump: {authors: [k8s-ci-robot], headBranch: autobump}\n"
                + "  window: {timezone: America/Los_Angeles, days: [MON, TUE, WED, THU, FRI], hours: '09:00-17:00', "
                + "minInterval: 1h}\n  oncall: {teams: [org/oncall-team]}";
    }

    /** For tests and the status page: the gates in order. */
    public List<Gate> gates() {
        return gates.all();
    }

}
