package io.prow.autodeploy.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layers read top-down and never back up (issue 15): the rule of {@link Layers} on the plugin's main classes, and
 * the same rule on a fixture with one upward import, which it must report (else the check could not fail).
 */
class LayeringTest {
    private static final String ROOT = "io.prow.autodeploy";
    private static final String FIXTURE = ROOT + ".architecture.fixture";
    private static JavaClasses main;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        // Main classes only: the fixture (test classes) stays out of the real check.
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void mainClassesImportOnlyLowerLayers() {
        assertThat(main.contain(ROOT + ".deploy.gates.Gates")).as("main classes imported").isTrue();
        assertThat(main.contain(FIXTURE + ".low.Low")).as("fixture kept out of the real check").isFalse();
        EvaluationResult result = Layers.onlyDownward(ROOT, Layers.PLUGIN, Layers.UNCHECKED, Layers.ALLOWED)
                .evaluate(main);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void mainPackagesHaveNoCycles() {
        // sandbox and demo are left out: demo drives cli's PluginApp and cli's `demo` command runs demo, a cycle
        // that ends when they become their own Maven modules (issue 15), which the layers helper does not restructure.
        JavaClasses plugin = main.that(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(
                Layers.UNCHECKED.stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new))));
        assertThat(plugin.contain(ROOT + ".cli.Main")).isTrue();
        EvaluationResult result = Layers.noPackageCycles(ROOT).evaluate(plugin);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void anUpwardImportIsReported() {
        EvaluationResult result = Layers.onlyDownward(FIXTURE, Map.of("high", 2, "low", 1), Set.of(), Set.of())
                .evaluate(fixture);
        // Exactly Low's use of High (a constructor call and a method call): High's downward use is fine.
        assertThat(result.getFailureReport().getDetails()).isNotEmpty()
                .allMatch(line -> line.startsWith("low -> high runs up: ") && line.contains("Low.upward()"));
    }

    @Test
    void aPackageWithoutALayerIsReported() {
        EvaluationResult result = Layers.onlyDownward(FIXTURE, Map.of("low", 1), Set.of(), Set.of())
                .evaluate(fixture);
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("package high of " + FIXTURE + ".high.High has no layer"));
    }

    @Test
    void theAllowedExceptionIsTheOnlyOne() {
        EvaluationResult result = Layers.onlyDownward(FIXTURE, Map.of("high", 2, "low", 1), Set.of(),
                Set.of("low -> " + FIXTURE + ".high.High")).evaluate(fixture);
        assertThat(result.hasViolation()).isFalse();
    }

    @Test
    void aPackageCycleIsReported() {
        assertThat(Layers.noPackageCycles(FIXTURE).evaluate(fixture).hasViolation()).isTrue();
    }
}
