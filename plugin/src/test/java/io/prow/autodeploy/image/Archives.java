package io.prow.autodeploy.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads what we ship without Docker or a registry: Jib's tarball (docker-load format: manifest.json, config.json,
 * gzipped layers), jars, and jars inside the image's layers. Entries inside a jar are named {@code jar!/entry}.
 */
final class Archives {
    /** A class of the sandbox GitHub or of the demo, at any depth of nesting. */
    private static final Pattern SANDBOX_OR_DEMO = Pattern.compile("(^|[/!])io/prow/autodeploy/(sandbox|demo)/");

    private Archives() {}

    static List<String> sandboxOrDemo(Collection<String> entries) {
        return entries.stream().filter(e -> SANDBOX_OR_DEMO.matcher(e).find()).toList();
    }

    /** Every file of every layer of the image, and every entry of every jar among them. */
    static List<String> imageEntries(Path tar) throws IOException {
        Map<String, byte[]> files = untar(Files.readAllBytes(tar));
        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json")).get(0);
        List<String> out = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            for (Map.Entry<String, byte[]> file : untar(gunzip(files.get(layer.asText()))).entrySet()) {
                out.add(file.getKey());
                if (file.getKey().endsWith(".jar")) {
                    jarEntries(file.getValue()).forEach(e -> out.add(file.getKey() + "!/" + e));
                }
            }
        }
        return out;
    }

    /** Every entry of each class path element (a jar, or a directory of classes), named {@code element!/entry}. */
    static List<String> classpathEntries(List<Path> elements) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path element : elements) {
            if (Files.isDirectory(element)) {
                try (Stream<Path> files = Files.walk(element)) {
                    files.filter(Files::isRegularFile)
                            .forEach(f -> out.add(element + "!/" + element.relativize(f).toString().replace('\\', '/')));
                }
            } else {
                jarEntries(Files.readAllBytes(element)).forEach(e -> out.add(element + "!/" + e));
            }
        }
        return out;
    }

    static List<String> jarEntries(byte[] jar) throws IOException {
        List<String> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.add(e.getName());
            }
        }
        return out;
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /**
     * A ustar archive as name to content (regular files; a leading "./" or "/" dropped). A PAX header's {@code path}
     * (how Jib writes names over 100 characters) names the entry after it.
     */
    static Map<String, byte[]> untar(byte[] tar) {
        Map<String, byte[]> files = new HashMap<>();
        String paxPath = null;
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            String name = field(tar, at, 100);
            String prefix = field(tar, at + 345, 155);
            long size = Long.parseLong(field(tar, at + 124, 12).trim().isEmpty() ? "0"
                    : field(tar, at + 124, 12).trim(), 8);
            char type = (char) tar[at + 156];
            String path = (paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name)
                    .replaceFirst("^\\./", "").replaceFirst("^/", "");
            paxPath = null;
            if (type == 'x') {
                paxPath = paxPath(new String(tar, at + 512, (int) size, StandardCharsets.UTF_8));
            } else if (type == '0' || type == 0) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                content.write(tar, at + 512, (int) size);
                files.put(path, content.toByteArray());
            }
            at += 512 + (int) ((size + 511) / 512) * 512;
        }
        return files;
    }

    /** PAX records are "length key=value\n"; the path record, if any. */
    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] b, int from, int len) {
        int end = from;
        while (end < from + len && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.US_ASCII);
    }
}
