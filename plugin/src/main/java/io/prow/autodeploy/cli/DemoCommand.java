package io.prow.autodeploy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: kept so the documented subcommand still answers, but the demo is not in this binary. It lives in the
 * {@code demo} module (io.prow.autodeploy.demo.DemoMain) with the sandbox GitHub, which the plugin's jar and image
 * do not hold (issue 15); {@code make demo} runs it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The deploy-day demo is not in the plugin binary: run `make demo` (the demo module).")
public final class DemoCommand implements Callable<Integer> {
    static final String MOVED = "the demo lives in the demo module, with the sandbox GitHub: make demo "
            + "(make demo DEMO_ARGS=--once exits when the script ends)";

    @Option(names = "--once", description = "Accepted as before; the demo is not run here.")
    boolean once;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(MOVED);
        return 1;
    }
}
