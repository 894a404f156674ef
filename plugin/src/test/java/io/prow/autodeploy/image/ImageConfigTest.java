package io.prow.autodeploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prow.autodeploy.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    // plugin/pom.xml passes image.tar (plugin/target/jib-image.tar; make image-check: the scratch one).
    private static final Path TAR = Path.of(System.getProperty("image.tar", "plugin/target/jib-image.tar"));

    @Test
    void startsTheMainClassAsNonRootWithThePortsAndExitsOnOutOfMemory() throws Exception {
        Map<String, byte[]> files = Archives.untar(Files.readAllBytes(TAR));
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
            layerFiles.addAll(Archives.untar(Archives.gunzip(files.get(layer.asText()))).keySet());
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
}
