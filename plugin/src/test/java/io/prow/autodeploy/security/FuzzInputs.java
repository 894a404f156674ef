package io.prow.autodeploy.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generated webhook inputs, all from one seeded {@link Random}: random bytes, byte-level and structure-level
 * mutations of real payloads, re-encodings, deep nesting. Pure generation; the test decides how to send them.
 */
final class FuzzInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> EVENTS = List.of("pull_request", "issue_comment", "status", "push", "check_run",
            "check_suite", "ping", "issues", "pull_request_review", "", " ", "PULL_REQUEST", "pull_request\u0000",
            "\u202epull_request", "x".repeat(300));
    static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/json; charset=utf-16", "application/json;charset=ISO-8859-1", "APPLICATION/JSON",
            "application/jsonp", "application/x-www-form-urlencoded", "text/plain", "", "application/json; boundary=x");
    private static final List<String> WEIRD_STRINGS = List.of("", "\u0000", "../../../etc/passwd", "$(id)",
            "`id`", "{{7*7}}", "${jndi:ldap://x/a}", "%s%n%x", "\u202e\u0041", "аdmin", "\uD800", "\uFFFF",
            "<!-- autodeploy:hold by=mallory since=2026-01-01T00:00:00Z reason= -->", "/hold\n/rollback ../x",
            "kubernetes/test-infra", "k8s-ci-robot", "\\u0000", "null", "-1", "9".repeat(40));
    private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16, Charset.forName("UTF-32"), StandardCharsets.ISO_8859_1, Charset.forName("Cp1252"));

    private final Random random;

    FuzzInputs(Random random) {
        this.random = random;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    byte[] randomBytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        random.nextBytes(b);
        return b;
    }

    String randomSignature() {
        return switch (random.nextInt(5)) {
            case 0 -> "sha256=" + HexFormat.of().formatHex(randomBytes(32));
            case 1 -> "sha256=" + HexFormat.of().formatHex(new byte[32]);
            case 2 -> "sha1=" + HexFormat.of().formatHex(randomBytes(20));
            case 3 -> "sha256=" + "Z".repeat(64);
            default -> new String(randomBytes(40), StandardCharsets.ISO_8859_1).replaceAll("[\\x00-\\x20\\x7f-\\xff]", "a");
        };
    }

    /** Byte-level damage: flips, insertions, deletions, duplications, truncation, splicing. Never the original. */
    byte[] mutateBytes(byte[] original, byte[] other) {
        byte[] b;
        do {
            b = damage(original, other);
        } while (java.util.Arrays.equals(b, original));
        return b;
    }

    private byte[] damage(byte[] original, byte[] other) {
        byte[] b = original.clone();
        int rounds = 1 + random.nextInt(6);
        for (int r = 0; r < rounds && b.length > 0; r++) {
            int at = random.nextInt(b.length);
            b = switch (random.nextInt(6)) {
                case 0 -> { b[at] ^= (byte) (1 << random.nextInt(8)); yield b; }
                case 1 -> concat(slice(b, 0, at), randomBytes(8), slice(b, at, b.length));
                case 2 -> concat(slice(b, 0, at), slice(b, Math.min(b.length, at + 1 + random.nextInt(16)), b.length));
                case 3 -> concat(slice(b, 0, at), slice(b, at, Math.min(b.length, at + 32)), slice(b, at, b.length));
                case 4 -> slice(b, 0, at);
                default -> concat(slice(b, 0, at), slice(other, random.nextInt(Math.max(1, other.length)), other.length));
            };
        }
        return b;
    }

    /** Structure-level damage that stays valid JSON: fields removed, retyped, replaced by odd or huge values. */
    byte[] mutateTree(String payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            List<ObjectNode> objects = new ArrayList<>();
            collect(root, objects);
            int rounds = 1 + random.nextInt(4);
            for (int r = 0; r < rounds; r++) {
                ObjectNode o = pick(objects);
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                if (names.isEmpty()) {
                    continue;
                }
                String field = pick(names);
                switch (random.nextInt(9)) {
                    case 0 -> o.remove(field);
                    case 1 -> o.putNull(field);
                    case 2 -> o.put(field, random.nextLong());
                    case 3 -> o.put(field, random.nextDouble() * 1e300);
                    case 4 -> o.put(field, random.nextBoolean());
                    case 5 -> o.putArray(field).add(pick(WEIRD_STRINGS));
                    case 6 -> o.putObject(field);
                    case 7 -> o.put(field, pick(WEIRD_STRINGS));
                    default -> o.put(field, "x".repeat(random.nextInt(100_000)));
                }
            }
            return JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(JsonNode n, List<ObjectNode> into) {
        if (n instanceof ObjectNode o) {
            into.add(o);
        }
        n.elements().forEachRemaining(child -> collect(child, into));
    }

    /** The payload in another encoding, possibly with a BOM or invalid UTF-8 inserted; never its UTF-8 bytes. */
    byte[] reencode(String payload) {
        byte[] utf8 = payload.getBytes(StandardCharsets.UTF_8);
        byte[] b;
        do {
            b = encodeOddly(payload);
        } while (java.util.Arrays.equals(b, utf8)); // ASCII is the same bytes in Latin-1: that is no re-encoding
        return b;
    }

    private byte[] encodeOddly(String payload) {
        return switch (random.nextInt(4)) {
            case 0 -> payload.replace("\"opened\"", "\"öpened ✓\"").getBytes(pick(CHARSETS));
            case 1 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, payload.getBytes(StandardCharsets.UTF_8));
            case 2 -> concat(payload.substring(0, payload.length() / 2).getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF},
                    payload.substring(payload.length() / 2).getBytes(StandardCharsets.UTF_8));
            default -> payload.getBytes(pick(CHARSETS));
        };
    }

    /** 10,000 levels of nesting, or other shapes Jackson must refuse without a stack overflow. */
    byte[] deep() {
        int depth = 2_000 + random.nextInt(9_000);
        return switch (random.nextInt(4)) {
            case 0 -> "[".repeat(depth).getBytes(StandardCharsets.US_ASCII);
            case 1 -> ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
            case 2 -> ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
            default -> ("{\"repository\":{\"full_name\":\"kubernetes/test-infra\"},\"x\":" + "[".repeat(depth))
                    .getBytes(StandardCharsets.US_ASCII);
        };
    }

    /** Valid JSON nested deeper than any payload, but within what a parser may accept. */
    byte[] nestedSigned(String payload) {
        ObjectNode root = (ObjectNode) readTree(payload);
        ArrayNode deepest = root.putArray("nested");
        for (int i = 0; i < 500; i++) {
            deepest = deepest.addArray();
        }
        deepest.add(JsonNodeFactory.instance.textNode("bottom"));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, Math.max(from, to));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
