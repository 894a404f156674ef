package io.prow.autodeploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The image Jib builds, read from its tarball (docker-load format: manifest.json, config.json, gzipped layers) with
 * no registry and no Docker: how it starts, as whom, which ports, and that the app layers are there. CI builds it
 * on the {@code scratch} base ({@code make image-check}), which needs no registry; the real image differs only in its
 * base (eclipse-temurin:17-jre). Tagged {@code image}: it needs the tarball, so {@code make test} leaves it out.
 */
@Tag("image")
class ImageConfigTest {
    private static final Path TAR = Path.of(System.getProperty("image.tar", "target/jib-image.tar"));

    @Test
    void startsTheMainClassAsNonRootWithThePortsAndExitsOnOutOfMemory() throws Exception {
        Map<String, byte[]> files = untar(Files.readAllBytes(TAR));
        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json")).get(0);
        JsonNode config = new ObjectMapper().readTree(files.get(manifest.get("Config").asText())).get("config");

        List<String> entrypoint = texts(config.get("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75");
        assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(Main.class.getName());
        // Whatever Cmd the image has, Main must accept it (a `serve` argument used to be refused by picocli).
        List<String> cmd = config.hasNonNull("Cmd") ? texts(config.get("Cmd")) : List.of();
        new CommandLine(new Main()).parseArgs(cmd.toArray(String[]::new));

        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        List<String> ports = new ArrayList<>();
        config.get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactlyInAnyOrder("8888/tcp", "8081/tcp", "9090/tcp");

        List<String> layerFiles = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            layerFiles.addAll(untar(gunzip(files.get(layer.asText()))).keySet());
        }
        assertThat(layerFiles).contains("app/classes/io/prow/autodeploy/cli/Main.class",
                "app/resources/default-config.yaml", "app/resources/logback.xml", "app/jib-classpath-file");
        assertThat(layerFiles).anyMatch(f -> f.startsWith("app/libs/javalin-"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** A ustar archive as name to content (regular files; a leading "./" or "/" dropped). */
    private static Map<String, byte[]> untar(byte[] tar) {
        Map<String, byte[]> files = new HashMap<>();
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            String name = field(tar, at, 100);
            String prefix = field(tar, at + 345, 155);
            long size = Long.parseLong(field(tar, at + 124, 12).trim().isEmpty() ? "0"
                    : field(tar, at + 124, 12).trim(), 8);
            char type = (char) tar[at + 156];
            String path = (prefix.isEmpty() ? name : prefix + "/" + name).replaceFirst("^\\./", "")
                    .replaceFirst("^/", "");
            if (type == '0' || type == 0) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                content.write(tar, at + 512, (int) size);
                files.put(path, content.toByteArray());
            }
            at += 512 + (int) ((size + 511) / 512) * 512;
        }
        return files;
    }

    private static String field(byte[] b, int from, int len) {
        int end = from;
        while (end < from + len && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.US_ASCII);
    }
}
