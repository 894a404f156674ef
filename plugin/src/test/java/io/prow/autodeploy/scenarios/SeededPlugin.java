package io.prow.autodeploy.scenarios;

import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.testing.PluginHarness;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole plugin on the embedded default config over a seeded sandbox ({@link Bumps#seed}), as a JUnit
 * extension: register it on an instance field and each test gets a fresh one, closed after it.
 */
final class SeededPlugin implements AfterEachCallback {
    final ManualClock clock;
    final PluginHarness h;

    SeededPlugin(String startInstant) {
        clock = ManualClock.at(startInstant);
        try {
            h = new PluginHarness(clock, PluginHarness.defaultConfig());
        } catch (Exception e) {
            throw new IllegalStateException("the plugin did not start", e);
        }
        Bumps.seed(h.gh);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        h.close();
    }
}
