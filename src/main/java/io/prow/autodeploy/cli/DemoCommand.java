package io.prow.autodeploy.cli;

import io.prow.autodeploy.demo.DemoLog;
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
        // The timeline is the demo's output; the plugin's JSON log lines go to a file, named first.
        java.nio.file.Path log = java.nio.file.Files.createTempFile("autodeploy-demo-", ".log");
        System.out.println("The plugin's JSON log lines go to " + log);
        try (DemoLog ignored = DemoLog.toFile(log)) {
            new DemoRunner(System.out, once).run();
        }
        return 0;
    }
}
