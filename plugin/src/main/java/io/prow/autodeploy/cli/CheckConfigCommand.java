package io.prow.autodeploy.cli;

import io.prow.autodeploy.config.ConfigException;
import io.prow.autodeploy.config.PluginConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code check-config}: what {@code serve} would say about the config, without starting anything. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate plugin-config.yaml: print every problem with its key path; exit 1 on any.")
public final class CheckConfigCommand implements Callable<Integer> {
    @Option(names = "--config-path", defaultValue = "embedded",
            description = "plugin-config.yaml to check; 'embedded' checks the built-in default.")
    String configPath;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            PluginConfig config = Main.loadConfig(configPath);
            out.println(configPath + ": OK, " + config.repos().size() + " repo(s)");
            for (String w : warnings(config)) {
                out.println("warning: " + w);
            }
            return 0;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println(configPath + ": " + p.path() + ": " + p.reason()));
            err.println(e.problems().size() + " problem(s); the plugin would not start with this config.");
            return 1;
        }
    }

    static java.util.List<String> warnings(PluginConfig config) {
        return io.prow.autodeploy.config.ConfigWarnings.warnings(config);
    }
}
