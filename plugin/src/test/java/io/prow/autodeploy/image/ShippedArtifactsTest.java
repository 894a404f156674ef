package io.prow.autodeploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: what runs in the cluster holds no sandbox GitHub and no demo. Reads what Maven and Jib built: the plugin's
 * jar, the jars it runs with (runtime scope, listed by the dependency plugin at package) and the image tarball, jars
 * inside its layers included. Each check also finds the plugin's own classes, so an empty or wrong listing fails.
 * Tagged {@code image}: it needs the built artifacts ({@code make image-check} builds them, then runs it).
 */
@Tag("image")
class ShippedArtifactsTest {
    private static final String MAIN = "io/prow/autodeploy/cli/Main.class";
    private static final String PORT = "io/prow/autodeploy/github/GitHub.class";

    @Test
    void thePluginJarHoldsThePluginAndNoSandboxOrDemoClass() throws Exception {
        List<String> entries = Archives.jarEntries(Files.readAllBytes(path("plugin.jar")));

        assertThat(entries).contains(MAIN, "default-config.yaml");
        assertThat(Archives.sandboxOrDemo(entries)).isEmpty();
    }

    @Test
    void theJarsThePluginRunsWithHoldNoSandboxOrDemoClass() throws Exception {
        List<Path> classpath = Arrays.stream(Files.readString(path("runtime.classpath.file")).trim()
                .split(File.pathSeparator)).map(Path::of).toList();
        List<String> entries = Archives.classpathEntries(classpath);

        assertThat(classpath).as("the runtime class path").hasSizeGreaterThan(10)
                .noneMatch(p -> p.toString().contains("prow-autodeploy-sandbox") || p.toString().contains("sandbox/target"))
                .noneMatch(p -> p.toString().contains("prow-autodeploy-demo") || p.toString().contains("demo/target"));
        assertThat(entries).anyMatch(e -> e.endsWith("!/" + PORT));
        assertThat(Archives.sandboxOrDemo(entries)).isEmpty();
    }

    @Test
    void theImageHoldsThePluginAndNoSandboxOrDemoClass() throws Exception {
        List<String> entries = Archives.imageEntries(path("image.tar"));

        assertThat(entries).contains("app/classes/" + MAIN);
        assertThat(entries).as("the github module's jar, read inside the image")
                .anyMatch(e -> e.startsWith("app/libs/prow-autodeploy-github-") && e.endsWith("!/" + PORT));
        assertThat(Archives.sandboxOrDemo(entries)).isEmpty();
    }

    private static Path path(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (plugin/pom.xml sets it)", property).isNotBlank();
        Path path = Path.of(value);
        assertThat(path).as("%s: built by `make image-check`", property).isRegularFile();
        return path;
    }
}
