package io.prow.autodeploy.cli;

import io.prow.autodeploy.demo.DemoRunner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: a deploy day against the sandbox GitHub, printed as a timeline. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Play a deploy day on a sandbox GitHub (loopback) and print what the plugin did.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--once", description = "Exit when the script ends (for scripted runs).")
    boolean once;

    @Override
    public Integer call() throws Exception {
        // The timeline is the demo's output; the plugin's JSON logs would drown it.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        new DemoRunner(System.out, once).run();
        return 0;
    }
}
