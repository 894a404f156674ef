package io.prow.autodeploy.security;

import static io.prow.autodeploy.reliability.DeployWorld.REPO;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.reliability.DeployWorld;
import io.prow.autodeploy.reliability.Flow;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The world the comment-abuse tests start from: the whole plugin over the reliability tests' seeded GitHub, with one
 * bump deployed ({@link Flow#deployed}); each test gets a fresh one.
 */
abstract class DeployedBumpTest {
    protected final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    protected PluginHarness h;
    protected InMemoryGitHub gh;
    protected int bump;

    @BeforeEach
    void start() throws Exception {
        gh = DeployWorld.github(clock);
        h = new PluginHarness(clock, PluginHarness.defaultConfig(), gh);
        bump = Flow.deployed(h);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    protected List<String> botReplies() {
        return gh.peekComments(REPO, bump).stream().filter(c -> c.author().equals(DeployWorld.BOT))
                .map(Comment::body).toList();
    }
}
