package io.prow.autodeploy.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The config file exactly as written: strings and lists only, bound by Jackson with unknown keys rejected.
 * {@link ConfigValidator} turns it into {@link PluginConfig}, reporting every problem with its key path.
 * Nulls mean "not set, use the default".
 */
public final class ConfigSpec {
    private ConfigSpec() {}

    public record Plugin(
            @JsonProperty("reconcileInterval") String reconcileInterval,
            @JsonProperty("commands") Commands commands,
            @JsonProperty("repos") List<Repo> repos) {
        public Plugin(String reconcileInterval, List<Repo> repos) {
            this(reconcileInterval, null, repos);
        }
    }

    /** Slash commands, all repos: how far back start-up and each sweep look for commands never answered. */
    public record Commands(@JsonProperty("recoveryWindow") String recoveryWindow) {}

    public record Repo(
            @JsonProperty("repo") String repo,
            @JsonProperty("baseBranch") String baseBranch,
            @JsonProperty("autobump") Autobump autobump,
            @JsonProperty("merge") Merge merge,
            @JsonProperty("window") Window window,
            @JsonProperty("hold") Hold hold,
            @JsonProperty("rollback") Rollback rollback,
            @JsonProperty("alerts") Alerts alerts,
            @JsonProperty("oncall") Oncall oncall,
            @JsonProperty("breakingChanges") BreakingChanges breakingChanges,
            @JsonProperty("retest") Retest retest,
            @JsonProperty("rollout") Rollout rollout) {}

    public record Autobump(
            @JsonProperty("authors") List<String> authors,
            @JsonProperty("headBranch") String headBranch,
            @JsonProperty("titlePattern") String titlePattern,
            @JsonProperty("tagPattern") String tagPattern,
            @JsonProperty("paths") List<String> paths,
            @JsonProperty("imagePrefixes") List<String> imagePrefixes,
            @JsonProperty("images") List<Image> images,
            @JsonProperty("deployedImage") String deployedImage,
            @JsonProperty("headRepos") List<String> headRepos) {}

    /** One entry of {@code autobump.images}: the autobumper's prefix {@code name}, {@code prefix}, consistency. */
    public record Image(
            @JsonProperty("name") String name,
            @JsonProperty("prefix") String prefix,
            @JsonProperty("consistent") Boolean consistent,
            @JsonProperty("rollback") Boolean rollback) {}

    public record Merge(
            @JsonProperty("labels") List<String> labels,
            @JsonProperty("statusContext") String statusContext,
            @JsonProperty("requiredContexts") List<String> requiredContexts,
            @JsonProperty("ignoredContexts") List<String> ignoredContexts) {}

    public record Window(
            @JsonProperty("timezone") String timezone,
            @JsonProperty("days") List<String> days,
            @JsonProperty("hours") String hours,
            @JsonProperty("blackouts") List<String> blackouts,
            @JsonProperty("minInterval") String minInterval) {}

    public record Hold(
            @JsonProperty("label") String label,
            @JsonProperty("whoCanHold") List<String> whoCanHold,
            @JsonProperty("whoCanUnhold") List<String> whoCanUnhold) {}

    public record Rollback(
            @JsonProperty("whoCan") List<String> whoCan,
            @JsonProperty("merge") String merge) {}

    public record Alerts(
            @JsonProperty("alertmanagerUrl") String alertmanagerUrl,
            @JsonProperty("matchers") List<String> matchers,
            @JsonProperty("cacheTtl") String cacheTtl,
            @JsonProperty("timeout") String timeout,
            @JsonProperty("onUnreachable") String onUnreachable,
            @JsonProperty("autoRollback") AutoRollback autoRollback) {}

    public record AutoRollback(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("watch") String watch) {}

    public record Oncall(
            @JsonProperty("teams") List<String> teams,
            @JsonProperty("users") List<String> users) {}

    public record BreakingChanges(
            @JsonProperty("sourceRepo") String sourceRepo,
            @JsonProperty("paths") List<String> paths,
            @JsonProperty("messagePattern") String messagePattern) {}

    public record Rollout(
            @JsonProperty("contexts") List<String> contexts,
            @JsonProperty("timeout") String timeout,
            @JsonProperty("onUnknown") String onUnknown,
            @JsonProperty("prometheus") RolloutPrometheus prometheus) {}

    public record RolloutPrometheus(
            @JsonProperty("url") String url,
            @JsonProperty("query") String query,
            @JsonProperty("containers") List<String> containers,
            @JsonProperty("cacheTtl") String cacheTtl,
            @JsonProperty("timeout") String timeout) {}

    public record Retest(
            @JsonProperty("max") Integer max,
            @JsonProperty("backoff") String backoff) {}
}
