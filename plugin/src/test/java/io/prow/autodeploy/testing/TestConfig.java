package io.prow.autodeploy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.ConfigLoader;
import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.RepoRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The tests' plugin config, built as a tree (Jackson), never by editing YAML text. Start from one of the bases, change
 * what the test is about with a named method (or {@link #set} for a key no method names), then take the YAML a
 * plugin reads ({@link #yaml()}) or the parsed, validated config ({@link #parse()}, {@link #repoConfig()}):
 * <pre>{@code
 * TestConfig.testInfra().alertmanager("http://alertmanager.monitoring:9093", "severity=\"critical\"").yaml()
 * TestConfig.defaultsOnly().set("rollout.timeout", "30m").repoConfig()
 * }</pre>
 * Edits apply to the first repo entry ({@code repos[0]}). Tests of YAML parsing itself keep their literal YAML.
 */
public final class TestConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String TEST_INFRA = "kubernetes/test-infra";

    private final ObjectNode root;

    private TestConfig(ObjectNode root) {
        this.root = root;
    }

    /**
     * kubernetes/test-infra's older autobump shape (k8s-ci-robot, master, config/prow/cluster, the deprecated
     * titlePattern and imagePrefixes keys), which most scenario tests run on: it keeps those keys covered.
     */
    public static TestConfig testInfra() {
        try (InputStream in = TestConfig.class.getResourceAsStream("/test-infra-shaped-config.yaml")) {
            return from(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The embedded default: kubernetes/k8s.io as prow.k8s.io deploys today. */
    public static TestConfig k8sIo() {
        return from(ConfigLoader.embeddedDefault());
    }

    /** One repo entry, kubernetes/test-infra, with every key at its default. */
    public static TestConfig defaultsOnly() {
        ObjectNode root = YAML.createObjectNode();
        root.putArray("repos").addObject().put("repo", TEST_INFRA);
        return new TestConfig(root);
    }

    /** The tree of {@code yaml}, to edit further. */
    public static TestConfig from(String yaml) {
        try {
            return new TestConfig((ObjectNode) YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestConfig repo(String ownerSlashName) {
        return set("repo", ownerSlashName);
    }

    /** The first repo entry once for each of {@code repos}, with its name changed: many repos configured alike. */
    public TestConfig repeatedFor(List<RepoRef> repos) {
        ObjectNode entry = entry();
        ArrayNode all = root.putArray("repos");
        repos.forEach(r -> all.add(entry.deepCopy().put("repo", r.toString())));
        return this;
    }

    public TestConfig window(String timezone, List<String> days, String hours) {
        return set("window.timezone", timezone).set("window.days", days).set("window.hours", hours);
    }

    public TestConfig hours(String hours) {
        return set("window.hours", hours);
    }

    public TestConfig minInterval(String goDuration) {
        return set("window.minInterval", goDuration);
    }

    public TestConfig oncallTeams(String... orgSlashTeam) {
        return set("oncall.teams", List.of(orgSlashTeam));
    }

    public TestConfig oncallUsers(String... logins) {
        return set("oncall.users", List.of(logins));
    }

    /** An {@code alerts} section asking Alertmanager at {@code url} for alerts matching {@code matchers}. */
    public TestConfig alertmanager(String url, String... matchers) {
        return set("alerts.alertmanagerUrl", url).set("alerts.matchers", List.of(matchers));
    }

    public TestConfig autoRollback(boolean enabled, String watch) {
        return set("alerts.autoRollback.enabled", enabled).set("alerts.autoRollback.watch", watch);
    }

    /** The breaking-change guard reading announcements from {@code sourceRepo}'s history. */
    public TestConfig breakingChanges(String sourceRepo) {
        return set("breakingChanges.sourceRepo", sourceRepo);
    }

    /**
     * Sets a key of the first repo entry by its dotted path under the entry ({@code "window.minInterval"}),
     * creating the maps on the way; {@code value} is a string, number, boolean, list or map.
     */
    public TestConfig set(String path, Object value) {
        String[] keys = path.split("\\.");
        ObjectNode at = entry();
        for (int i = 0; i < keys.length - 1; i++) {
            at = at.get(keys[i]) instanceof ObjectNode o ? o : at.putObject(keys[i]);
        }
        at.set(keys[keys.length - 1], YAML.valueToTree(value));
        return this;
    }

    /** Removes a key of the first repo entry (dotted path), so the plugin's default applies. */
    public TestConfig remove(String path) {
        String[] keys = path.split("\\.");
        JsonNode at = entry();
        for (int i = 0; i < keys.length - 1 && at != null; i++) {
            at = at.get(keys[i]);
        }
        if (at instanceof ObjectNode o) {
            o.remove(keys[keys.length - 1]);
        }
        return this;
    }

    /**
     * Merges {@code entryYaml} (keys of a repo entry) over the first entry: maps merge key by key, anything else
     * replaces. For table tests whose cases are config fragments.
     */
    public TestConfig merge(String entryYaml) {
        return mergeAt("", entryYaml);
    }

    /** As {@link #merge}, into the map at {@code path} of the first entry (dotted; created if missing). */
    public TestConfig mergeAt(String path, String yaml) {
        ObjectNode at = entry();
        for (String key : path.isEmpty() ? new String[0] : path.split("\\.")) {
            at = at.get(key) instanceof ObjectNode o ? o : at.putObject(key);
        }
        try {
            merge(at, YAML.readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sets a top-level key of the file (outside the repo entries), e.g. {@code reconcileInterval}. */
    public TestConfig top(String key, Object value) {
        root.set(key, YAML.valueToTree(value));
        return this;
    }

    /** Removes a top-level key of the file, so the plugin's default applies. */
    public TestConfig withoutTop(String key) {
        root.remove(key);
        return this;
    }

    /** The config file a plugin reads. */
    public String yaml() {
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parsed and validated as the plugin does; an invalid fixture fails the test with the loader's words. */
    public PluginConfig parse() {
        String yaml = yaml();
        try {
            return ConfigLoader.parse(yaml);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("fixture config is invalid:\n" + e.getMessage() + "\n" + yaml, e);
        }
    }

    public RepoConfig repoConfig() {
        return parse().repos().get(0);
    }

    private ObjectNode entry() {
        return (ObjectNode) root.get("repos").get(0);
    }

    private static void merge(ObjectNode into, JsonNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            if (into.get(e.getKey()) instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }
}
