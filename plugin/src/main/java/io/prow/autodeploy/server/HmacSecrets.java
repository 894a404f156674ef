package io.prow.autodeploy.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * hook's HMAC secret file, in either of Prow's formats: a single legacy token, or a YAML map from scope
 * ({@code '*'}, {@code org}, {@code org/repo}) to a list of {@code {value, created_at}} (several during rotation).
 * The file is re-read when its content changes ({@link #reloadIfChanged()}), so rotating the Kubernetes secret
 * needs no restart; a bad new file keeps the old tokens and is logged.
 */
public final class HmacSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(HmacSecrets.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One token of the YAML format. {@code created_at} only orders tokens for people; any listed token is valid. */
    public record Token(String value, String created_at) {}

    private final Path file;
    private final AtomicReference<Loaded> current = new AtomicReference<>();

    private record Loaded(byte[] digest, Map<String, List<byte[]>> tokensByScope) {}

    private HmacSecrets(Path file) {
        this.file = file;
    }

    /** Loads the file; fails if it cannot be read or holds no token (a server must not start without one). */
    public static HmacSecrets load(Path file) throws IOException {
        HmacSecrets s = new HmacSecrets(file);
        s.current.set(s.read());
        return s;
    }

    /** Re-reads the file if its content changed. Returns true when new tokens took effect. */
    public boolean reloadIfChanged() {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (MessageDigest.isEqual(sha256(raw), current.get().digest())) {
                return false;
            }
            current.set(parse(raw));
            LOG.info("HMAC secret file {} changed; new tokens in effect", file);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("HMAC secret file {} could not be reloaded, keeping the previous tokens: {}", file,
                    e.getMessage());
            return false;
        }
    }

    /**
     * The tokens valid for an event of {@code org}/{@code repo} (either may be null): the most specific scope that
     * has tokens wins ({@code org/repo}, then {@code org}, then {@code '*'}), as in Prow's hook.
     */
    public List<byte[]> tokensFor(String org, String repo) {
        Map<String, List<byte[]>> byScope = current.get().tokensByScope();
        if (org != null && repo != null && byScope.containsKey(org + "/" + repo)) {
            return byScope.get(org + "/" + repo);
        }
        if (org != null && byScope.containsKey(org)) {
            return byScope.get(org);
        }
        return byScope.getOrDefault("*", List.of());
    }

    private Loaded read() throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static Loaded parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        Map<String, List<Token>> scoped = null;
        try {
            scoped = YAML.readValue(text, new TypeReference<Map<String, List<Token>>>() {});
        } catch (IOException notAMap) {
            // Not the YAML map: Prow treats the whole file as one legacy token for every repo.
        }
        Map<String, List<byte[]>> out;
        if (scoped == null) {
            String legacy = text.trim();
            if (legacy.isEmpty()) {
                throw new IllegalArgumentException("the HMAC secret file is empty");
            }
            out = Map.of("*", List.of(legacy.getBytes(StandardCharsets.UTF_8)));
        } else {
            out = new java.util.HashMap<>();
            for (var e : scoped.entrySet()) {
                List<byte[]> values = (e.getValue() == null ? List.<Token>of() : e.getValue()).stream()
                        .map(Token::value).filter(Objects::nonNull).map(String::trim).filter(v -> !v.isEmpty())
                        .map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("scope '" + e.getKey() + "' lists no token value");
                }
                out.put(e.getKey(), values);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("the HMAC secret file lists no scope");
            }
        }
        return new Loaded(sha256(raw), Map.copyOf(out));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For logs: how many tokens per scope, never the tokens. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        current.get().tokensByScope().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
                .append(k).append('=').append(v.size()));
        return sb.toString();
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
