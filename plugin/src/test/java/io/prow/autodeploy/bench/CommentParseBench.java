package io.prow.autodeploy.bench;

import io.prow.autodeploy.commands.ApproveDeployCommand;
import io.prow.autodeploy.commands.CommandRegistry;
import io.prow.autodeploy.commands.DeployNowCommand;
import io.prow.autodeploy.commands.HoldCommand;
import io.prow.autodeploy.commands.RollbackCommand;
import io.prow.autodeploy.commands.UnholdCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reading the worst comment costs (issue 17.3): adversarial bodies of GitHub's largest size, 65,536 characters,
 * through the plugin's command registry: the worker's full parse and the request thread's plain scan. The old
 * argument regexes took 17.5 s on the first shape.
 */
final class CommentParseBench {
    static final int SIZE = 65_536;
    private static final int ROUNDS = 30;
    private static final CommandRegistry REGISTRY = new CommandRegistry(List.of(
            new UnholdCommand(null, null), new HoldCommand(null, null),
            new RollbackCommand(null, null, null, null, null, null, null),
            new ApproveDeployCommand(null, null), new DeployNowCommand(null, null)));

    /** Medians of the shape that cost the most, and that shape's fastest run (its cost without interference). */
    record Result(String worstShape, double worstParseMillis, double worstParseFastest, String worstScanShape,
                  double worstScanMillis) {}

    static Map<String, String> shapes() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("/hold x + spaces + y", fill("/hold x", " ", "y"));
        s.put("/hold + spaces + cancel", fill("/hold", " ", "cancel"));
        s.put("/hold + blank lines + cancel", fill("/hold", " \n", "cancel"));
        s.put("/deploy-now x + tabs + y", fill("/deploy-now x", "\t", "y"));
        s.put("/approve-deploy x + spaces + y", fill("/approve-deploy x", " ", "y"));
        s.put("/rollback + spaces + y", fill("/rollback ", " ", "y"));
        s.put("lines of /hold", fill("", "/hold \n", ""));
        s.put("lines of /", fill("", "/\n", ""));
        s.put("fence lines", fill("", "```\n", "/hold"));
        return s;
    }

    static Result run() {
        String worst = "";
        double worstMillis = 0;
        double worstFastest = 0;
        String worstScan = "";
        double worstScanMillis = 0;
        for (Map.Entry<String, String> e : shapes().entrySet()) {
            double[] parse = timed(() -> REGISTRY.find(e.getValue()));
            double scan = timed(() -> REGISTRY.mayCarryCommand(e.getValue()))[ROUNDS / 2];
            if (parse[ROUNDS / 2] >= worstMillis) {
                worst = e.getKey();
                worstMillis = parse[ROUNDS / 2];
                worstFastest = parse[0];
            }
            if (scan >= worstScanMillis) {
                worstScan = e.getKey();
                worstScanMillis = scan;
            }
        }
        return new Result(worst, worstMillis, worstFastest, worstScan, worstScanMillis);
    }

    /** {@link #ROUNDS} runs, sorted, after as many warm-up runs (JIT compiled, as in a running plugin). */
    private static double[] timed(Runnable work) {
        for (int i = 0; i < ROUNDS; i++) {
            work.run();
        }
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(millis);
        return millis;
    }

    private static String fill(String head, String unit, String tail) {
        StringBuilder b = new StringBuilder(head);
        while (b.length() + unit.length() + tail.length() <= SIZE) {
            b.append(unit);
        }
        return b.append(tail).toString();
    }
}
