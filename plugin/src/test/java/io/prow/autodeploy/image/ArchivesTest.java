package io.prow.autodeploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ShippedArtifactsTest can fail: a sandbox or demo class is found in a jar, in a jar inside an image layer, under a
 * long (PAX) name, or in a directory on the class path; the plugin's own classes are not flagged. Runs in
 * {@code make test} (it builds its archives in memory).
 */
class ArchivesTest {
    private static final String SANDBOX = "io/prow/autodeploy/sandbox/InMemoryGitHub.class";
    private static final String DEMO = "io/prow/autodeploy/demo/DemoRunner.class";
    private static final String PLUGIN = "io/prow/autodeploy/cli/Main.class";

    @TempDir
    Path dir;

    @Test
    void aSandboxClassInAJarInsideAnImageLayerIsFound() throws Exception {
        byte[] lib = jar(PLUGIN, SANDBOX);
        String longName = "app/classes/io/prow/autodeploy/demo/" + "A".repeat(90) + ".class";
        byte[] layer = gzip(tar(Map.of("app/libs/lib.jar", lib, longName, new byte[1])));
        Path image = dir.resolve("image.tar");
        Files.write(image, tar(Map.of("manifest.json", "[{\"Layers\":[\"l1.tar.gz\"]}]".getBytes(StandardCharsets.UTF_8),
                "l1.tar.gz", layer)));

        List<String> entries = Archives.imageEntries(image);

        assertThat(entries).contains("app/libs/lib.jar!/" + PLUGIN, longName);
        assertThat(Archives.sandboxOrDemo(entries)).containsExactlyInAnyOrder("app/libs/lib.jar!/" + SANDBOX, longName);
    }

    @Test
    void aDemoClassInAClassDirectoryOrAJarOnTheClassPathIsFound() throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve(DEMO).getParent());
        Files.write(classes.resolve(DEMO), new byte[1]);
        Path jar = dir.resolve("plugin.jar");
        Files.write(jar, jar(PLUGIN, SANDBOX));

        List<String> entries = Archives.classpathEntries(List.of(classes, jar));

        assertThat(Archives.sandboxOrDemo(entries)).containsExactlyInAnyOrder(classes + "!/" + DEMO, jar + "!/" + SANDBOX);
    }

    @Test
    void thePluginsOwnClassesAreNotFlagged() {
        assertThat(Archives.sandboxOrDemo(List.of(PLUGIN, "io/prow/autodeploy/github/GitHub.class",
                "app/libs/prow-autodeploy-github-0.1.0-SNAPSHOT.jar", "io/prow/autodeploy/server/sandboxed.html")))
                .isEmpty();
    }

    private static byte[] jar(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (String e : entries) {
                out.putNextEntry(new ZipEntry(e));
                out.write(1);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** A ustar archive; a name over 100 characters gets a PAX header first, as Jib writes it. */
    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> f : new LinkedHashMap<>(files).entrySet()) {
            String name = f.getKey();
            if (name.length() > 100) {
                String record = " path=" + name + "\n";
                int length = record.length() + String.valueOf(record.length()).length();
                length = record.length() + String.valueOf(length).length();
                entry(out, "PaxHeaders/x", 'x', (length + record).getBytes(StandardCharsets.UTF_8));
                name = name.substring(0, 100);
            }
            entry(out, name, '0', f.getValue());
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, String name, char type, byte[] content) throws IOException {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 124, String.format("%011o", content.length));
        header[156] = (byte) type;
        put(header, 257, "ustar");
        out.write(header);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] header, int at, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, at, Math.min(b.length, 100));
    }
}
