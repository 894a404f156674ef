package io.prow.autodeploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The plugin binary holds no demo (issue 15): its documented {@code demo} subcommand says where the demo is. */
class DemoCommandTest {
    @Test
    void demoPointsToTheDemoModuleAndFails() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("demo", "--once");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("the demo lives in the demo module", "make demo");
        assertThat(out.toString()).isEmpty();
    }
}
