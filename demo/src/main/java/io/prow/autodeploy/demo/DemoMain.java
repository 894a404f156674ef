package io.prow.autodeploy.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code make demo}: a deploy day against the sandbox GitHub, printed as a timeline. Its own binary, in its own
 * module, so that the plugin's jar and image hold neither the demo nor the sandbox (issue 15).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Play a deploy day on a sandbox GitHub (loopback) and print what the plugin did.")
public final class DemoMain implements Callable<Integer> {
    @Option(names = "--once", description = "Exit when the script ends (for scripted runs).")
    boolean once;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        // The timeline is the demo's output; the plugin's JSON log lines go to a file, named first.
        Path log = Files.createTempFile("autodeploy-demo-", ".log");
        System.out.println("The plugin's JSON log lines go to " + log);
        try (DemoLog ignored = DemoLog.toFile(log)) {
            new DemoRunner(System.out, once).run();
        }
        return 0;
    }
}
