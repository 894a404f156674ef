package io.prow.autodeploy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin config as it stands now. A watched file is re-read when its content changes (a ConfigMap update needs
 * no restart). A new file with problems never takes effect: the last good config stays, and {@link #failure()} says
 * why until a good file arrives, so that deploys stop meanwhile (fail-safe: an admin's change is not silently
 * ignored while deploys go on).
 */
public final class ConfigSource implements Supplier<PluginConfig> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigSource.class);

    private final Path file;
    private final AtomicReference<PluginConfig> current;
    private volatile byte[] digest;
    private volatile String failure;

    private ConfigSource(Path file, PluginConfig config, byte[] digest) {
        this.file = file;
        this.current = new AtomicReference<>(config);
        this.digest = digest;
    }

    /** A config that never changes (the embedded default, tests). */
    public static ConfigSource fixed(PluginConfig config) {
        return new ConfigSource(null, config, new byte[0]);
    }

    /** Loads {@code file} now (a bad file fails the start, as before) and watches it afterwards. */
    public static ConfigSource watching(Path file) throws ConfigException {
        byte[] raw = read(file);
        return new ConfigSource(file, ConfigLoader.parse(new String(raw, java.nio.charset.StandardCharsets.UTF_8)),
                sha256(raw));
    }

    @Override
    public PluginConfig get() {
        return current.get();
    }

    /** Why the last reload was refused, while the file still has that problem. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Re-reads the file if its content changed; true when a new config took effect. */
    public synchronized boolean reloadIfChanged() {
        if (file == null) {
            return false;
        }
        byte[] raw;
        try {
            raw = read(file);
        } catch (ConfigException e) {
            refuse(e);
            return false;
        }
        byte[] newDigest = sha256(raw);
        if (MessageDigest.isEqual(newDigest, digest)) {
            return false;
        }
        digest = newDigest;
        try {
            current.set(ConfigLoader.parse(new String(raw, java.nio.charset.StandardCharsets.UTF_8)));
            failure = null;
            LOG.info("plugin config {} changed; the new config is in effect", file);
            return true;
        } catch (ConfigException e) {
            refuse(e);
            return false;
        }
    }

    private void refuse(ConfigException e) {
        e.problems().forEach(p -> LOG.error("plugin config {} not reloaded: {}: {}", file, p.path(), p.reason()));
        failure = e.problems().size() + " problem(s) in " + file.getFileName() + ", first: " + e.problems().get(0);
    }

    private static byte[] read(Path file) throws ConfigException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(java.util.List.of(new ConfigProblem(file.toString(), "cannot read: " + e)));
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
