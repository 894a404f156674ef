package io.prow.autodeploy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.prow.autodeploy.deploy.gates.GateResult;
import io.prow.autodeploy.metrics.status.StatusBoard;
import io.prow.autodeploy.metrics.status.StatusScenario;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real headless browser (Debian's chromium): it loads, shows the deployed tag and every gate's
 * text for a sandbox deploy day, renders a hold reason full of markup as text, and leaves a screenshot in
 * {@code target/status-page.png} for people to look at. A missing browser fails the test: {@code make deps}.
 */
@Tag("browser")
class StatusPageBrowserTest {
    private static final long TIMEOUT_SECONDS = 90;
    static final Path SCREENSHOT = Path.of("target", "status-page.png").toAbsolutePath();

    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private StatusScenario w;
    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        w = StatusScenario.start(clock);
        w.deployedThenHeld();
    }

    @AfterEach
    void stop() {
        w.h.close();
    }

    private String url() {
        return "http://127.0.0.1:" + w.h.app.port() + "/";
    }

    @Test
    void showsTheDeployedTagAndEveryGatesText() throws Exception {
        String dom = chromium("dump-dom", "--dump-dom", url());

        StatusBoard.RepoView view = w.h.app.board.view(PluginHarness.REPO).orElseThrow();
        List<GateResult> gates = view.openPr().orElseThrow().decision().results();
        assertThat(gates).extracting(GateResult::gate)
                .containsExactly("trusted", "hold", "tests", "alerts", "rollout", "breaking-changes", "window", "pacing");
        assertThat(dom).contains("<strong class=\"tag\">" + StatusScenario.DEPLOYED + "</strong>");
        for (GateResult g : gates) {
            assertThat(dom).as("gate " + g.gate())
                    .contains("<td>" + g.gate() + "</td><td class=\"" + (g.open() ? "open" : "closed") + "\">")
                    .contains(domText(g.reason()));
        }
        assertThat(dom).as("the hold reason's markup stays text").doesNotContain("<b>hook</b>")
                .contains("Held by @alice: &lt;b&gt;hook&lt;/b&gt; is crashlooping &amp; \"paging\"");
    }

    @Test
    void writesANonTrivialScreenshot() throws Exception {
        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        chromium("screenshot", "--screenshot=" + SCREENSHOT, "--window-size=1200,900", url());

        assertThat(SCREENSHOT).exists();
        BufferedImage png = ImageIO.read(SCREENSHOT.toFile());
        assertThat(png).as("a PNG ImageIO can read").isNotNull();
        assertThat(png.getWidth()).isEqualTo(1200);
        assertThat(png.getHeight()).isEqualTo(900);
        assertThat(colours(png)).as("distinct colours: text and coloured gate states, not a blank page")
                .isGreaterThan(50);
    }

    /** How Chromium serializes a text node: only &, < and > are escaped. */
    private static String domText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** Runs headless Chromium once with a fresh profile, bounded in time; returns its stdout. */
    private String chromium(String name, String... args) throws IOException, InterruptedException {
        String binary = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                .filter(p -> new File(p).canExecute()).findFirst()
                .orElseGet(() -> fail("chromium is not installed: run `make deps` (installs Debian's chromium)"));
        List<String> cmd = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectory(tmp.resolve("profile-" + name))));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve(name + ".out");
        Path err = tmp.resolve(name + ".err");
        // Output to files, not pipes: a chatty browser cannot block on a full pipe while we wait for it.
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + "s; stderr:\n" + tail(err));
        }
        assertThat(p.exitValue()).as("chromium exit status; stderr:\n" + tail(err)).isZero();
        return Files.readString(out);
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
