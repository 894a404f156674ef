package io.prow.autodeploy.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads plugin-config.yaml: YAML syntax and unknown keys first (Jackson), then every semantic problem. */
public final class ConfigLoader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConfigLoader.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {}

    public static PluginConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), "cannot read: " + e)));
        }
        return parse(text);
    }

    /** The config the demo and a bare {@code make run} use, shipped in the jar. */
    public static String embeddedDefault() {
        try (var in = ConfigLoader.class.getResourceAsStream("/default-config.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("default-config.yaml missing from the jar", e);
        }
    }

    public static PluginConfig parse(String yaml) throws ConfigException {
        // Syntax first, on its own: while binding, Jackson wraps a YAML syntax error in a mapping error that has a
        // key path but no line and column, and an empty file is a mapping error too.
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(syntaxProblem(e)));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(List.of(new ConfigProblem("repos", "the file is empty")));
        }
        ConfigSpec.Plugin spec;
        try {
            spec = YAML.treeToValue(tree, ConfigSpec.Plugin.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new ConfigException(List.of(new ConfigProblem(path(e),
                    "unknown key (known here: " + known + ")")));
        } catch (JsonProcessingException e) {
            String path = e instanceof JsonMappingException m ? path(m) : "(top level)";
            throw new ConfigException(List.of(new ConfigProblem(path, firstLine(e.getOriginalMessage()))));
        }
        PluginConfig config = ConfigValidator.validate(spec);
        // Deprecated keys keep working; say so in the log each time the file is (re)loaded.
        for (RepoConfig r : config.repos()) {
            for (String key : r.autobump().deprecatedKeys()) {
                LOG.warn("{}: autobump.{} is deprecated: {}", r.repo(), key, ConfigWarnings.DEPRECATED.get(key));
            }
        }
        return config;
    }

    /** Where and what, from the YAML parser's own problem mark when it has one: it points at the bad spot. */
    private static ConfigProblem syntaxProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
            return new ConfigProblem("line " + (m.getProblemMark().getLine() + 1) + ", column "
                    + (m.getProblemMark().getColumn() + 1), "not valid YAML: " + m.getProblem() + context);
        }
        String where = e.getLocation() == null ? "yaml"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new ConfigProblem(where, "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }

    /** Jackson's reference path as a config key path: {@code repos[0].window.hours}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
