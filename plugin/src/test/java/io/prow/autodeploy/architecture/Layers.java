package io.prow.autodeploy.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The layering rule: a class may use classes of its own package and of packages on a lower layer only. One rule,
 * evaluated on the plugin's main classes ({@link LayeringTest}) and on a fixture with an upward import (to show it
 * can fail). Packages are named relative to {@code root}.
 */
final class Layers {
    /**
     * The plugin's layers, top (high) to bottom: README's Architecture section draws the same. Equal numbers are
     * peers that may not import each other. {@code sandbox} and {@code demo} are the sandbox GitHub and the demo:
     * only {@code cli} may use them (they are not checked themselves; they become Maven modules of their own).
     */
    static final Map<String, Integer> PLUGIN = Map.ofEntries(
            Map.entry("cli", 100),
            Map.entry("sandbox", 95), Map.entry("demo", 95),
            Map.entry("server", 90),
            Map.entry("events", 80),
            Map.entry("commands", 70),
            Map.entry("metrics.status", 65),
            Map.entry("deploy.reconcile", 60),
            Map.entry("deploy.schedule", 55),
            Map.entry("deploy.gates", 50),
            Map.entry("alerts", 40), Map.entry("rollout", 40),
            Map.entry("rollback", 30),
            Map.entry("ledger", 20),
            Map.entry("github", 10),
            Map.entry("config", 5),
            Map.entry("metrics", 2),
            Map.entry("text", 1));

    /** Not checked as origins: moving to their own Maven modules (issue 15), where the build keeps them apart. */
    static final Set<String> UNCHECKED = Set.of("sandbox", "demo");

    /**
     * The one upward use allowed: config names repositories with github's value type {@code RepoRef} (an owner and a
     * name, no I/O). github itself never imports config.
     */
    static final Set<String> ALLOWED = Set.of("config -> io.prow.autodeploy.github.RepoRef");

    private Layers() {}

    /** Every class under {@code root} uses only its own package and lower layers of {@code layers}. */
    static ArchRule onlyDownward(String root, Map<String, Integer> layers, Set<String> unchecked,
                                 Set<String> allowed) {
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<JavaClass>("use only their own package and lower layers") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        String from = relative(root, c.getPackageName());
                        if (unchecked.contains(from)) {
                            return;
                        }
                        Integer high = layers.get(from);
                        if (high == null) {
                            events.add(SimpleConditionEvent.violated(c, "package " + from + " of " + c.getName()
                                    + " has no layer: add it to Layers"));
                            return;
                        }
                        for (Dependency d : c.getDirectDependenciesFromSelf()) {
                            JavaClass target = d.getTargetClass().getBaseComponentType();
                            if (!target.getPackageName().startsWith(root + ".")) {
                                continue;
                            }
                            String to = relative(root, target.getPackageName());
                            Integer low = layers.get(to);
                            if (to.equals(from) || allowed.contains(from + " -> " + target.getName())
                                    || (low != null && low < high)) {
                                continue;
                            }
                            events.add(SimpleConditionEvent.violated(d, from + " -> " + to + " runs up: "
                                    + d.getDescription()));
                        }
                    }
                });
    }

    /** No cycle between packages under {@code root} (each package its own slice, sub-packages apart). */
    static ArchRule noPackageCycles(String root) {
        return SlicesRuleDefinition.slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    private static String relative(String root, String pkg) {
        return pkg.equals(root) ? "" : pkg.substring(root.length() + 1);
    }
}
