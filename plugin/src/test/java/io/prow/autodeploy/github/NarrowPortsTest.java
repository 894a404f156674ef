package io.prow.autodeploy.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Narrow ports (issue 15): outside the adapters ({@code github}), the sandbox and demo, and the wiring ({@code cli}),
 * no class takes or keeps the whole {@link GitHub}, only the role interfaces it calls ({@link GitHubRolesTest}).
 * Checked by reflection over the compiled product classes: constructor and method parameters and fields (a lambda
 * or inner class that captures a GitHub shows up as one of those too).
 */
class NarrowPortsTest {
    private static final String ROOT = "io.prow.autodeploy";
    /** Where GitHub may be named: the adapters, the sandbox and demo (they serve it), and the wiring. */
    private static final List<String> ALLOWED = Stream.of("github", "sandbox", "demo", "cli")
            .map(p -> ROOT + "." + p).toList();

    @Test
    void noProductClassOutsideTheAdaptersAndTheWiringTakesTheWholeGitHub() {
        List<Class<?>> consumers = productClasses().stream().filter(c -> !allowed(c.getPackageName())).toList();

        // The scan really saw the consumers (not an empty or wrong directory): 23 take a role today.
        assertThat(consumers.stream().filter(NarrowPortsTest::takesARole).count())
                .as("classes taking a role interface among %d scanned", consumers.size()).isGreaterThan(10);
        assertThat(violations(consumers)).as("GitHub is the adapters' and the wiring's; take its roles").isEmpty();
    }

    /** The check can fail: a class shaped like the old consumers is reported, one taking roles is not. */
    @Test
    void theCheckReportsAClassThatTakesTheWholeGitHub() {
        assertThat(violations(List.of(TakesTheWholeGitHub.class, TakesOnlyItsRoles.class, KeepsASupplier.class)))
                .containsExactlyInAnyOrder(
                        "NarrowPortsTest$TakesTheWholeGitHub: constructor parameter 1 is GitHub",
                        "NarrowPortsTest$TakesTheWholeGitHub: field gh is GitHub",
                        "NarrowPortsTest$KeepsASupplier: field gh is java.util.function.Supplier<"
                                + GitHub.class.getName() + ">",
                        "NarrowPortsTest$KeepsASupplier: method reread parameter 1 is GitHub");
        assertThat(Stream.of(ROOT + ".github", ROOT + ".sandbox.rest", ROOT + ".cli", ROOT + ".deploy",
                ROOT + ".githubish")).filteredOn(NarrowPortsTest::allowed)
                .containsExactly(ROOT + ".github", ROOT + ".sandbox.rest", ROOT + ".cli");
    }

    /** Fixture: what {@code Applier(GitHub gh, String statusUrl)} looked like. */
    static final class TakesTheWholeGitHub {
        private final GitHub gh;

        TakesTheWholeGitHub(GitHub gh) {
            this.gh = gh;
        }
    }

    /** Fixture: what it looks like now. */
    static final class TakesOnlyItsRoles {
        private final Labels labels;
        private final Statuses statuses;

        TakesOnlyItsRoles(Labels labels, Statuses statuses) {
            this.labels = labels;
            this.statuses = statuses;
        }
    }

    /** Fixture: GitHub hidden in a type argument, and as a method parameter. */
    static final class KeepsASupplier {
        private Supplier<GitHub> gh;

        void reread(GitHub fresh) {
            gh = null;
        }
    }

    /**
     * Every place {@code classes} name GitHub in a constructor, a method or a field, as readable lines. A lambda that
     * captures a GitHub compiles to a synthetic method taking it: reported under that name, still its class's doing.
     */
    static List<String> violations(List<Class<?>> classes) {
        List<String> out = new ArrayList<>();
        for (Class<?> c : classes) {
            String name = c.getName().substring(c.getPackageName().length() + 1);
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                Type[] params = k.getGenericParameterTypes();
                for (int i = 0; i < params.length; i++) {
                    if (mentionsGitHub(params[i])) {
                        out.add(name + ": constructor parameter " + (i + 1) + " is " + shown(params[i]));
                    }
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                Type[] params = m.getGenericParameterTypes();
                for (int i = 0; i < params.length; i++) {
                    if (mentionsGitHub(params[i])) {
                        out.add(name + ": method " + m.getName() + " parameter " + (i + 1) + " is " + shown(params[i]));
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (mentionsGitHub(f.getGenericType())) {
                    out.add(name + ": field " + f.getName() + " is " + shown(f.getGenericType()));
                }
            }
        }
        return out;
    }

    /** GitHub itself, or inside a type argument, a wildcard's bound or an array. */
    private static boolean mentionsGitHub(Type t) {
        if (t instanceof Class<?> c) {
            return c == GitHub.class || (c.isArray() && mentionsGitHub(c.getComponentType()));
        }
        if (t instanceof ParameterizedType p) {
            return mentionsGitHub(p.getRawType()) || Arrays.stream(p.getActualTypeArguments())
                    .anyMatch(NarrowPortsTest::mentionsGitHub);
        }
        if (t instanceof WildcardType w) {
            return Stream.concat(Arrays.stream(w.getUpperBounds()), Arrays.stream(w.getLowerBounds()))
                    .anyMatch(NarrowPortsTest::mentionsGitHub);
        }
        return t instanceof GenericArrayType a && mentionsGitHub(a.getGenericComponentType());
    }

    private static String shown(Type t) {
        return t == GitHub.class ? "GitHub" : t.getTypeName();
    }

    private static boolean takesARole(Class<?> c) {
        return Arrays.stream(c.getDeclaredConstructors()).flatMap(k -> Arrays.stream(k.getParameterTypes()))
                .anyMatch(p -> GitHubRolesTest.ROLES.contains(p));
    }

    private static boolean allowed(String pkg) {
        return ALLOWED.stream().anyMatch(a -> pkg.equals(a) || pkg.startsWith(a + "."));
    }

    /**
     * The compiled product: every class under the plugin module's target/classes (where {@code cli.Main} was loaded
     * from; GitHub itself lives in the github module, whose classes are all allowed to name it).
     */
    private static List<Class<?>> productClasses() {
        Path root;
        try {
            Class<?> plugin = io.prow.autodeploy.cli.Main.class;
            root = Path.of(plugin.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertThat(root).as("product classes are a directory here (mvn test)").isDirectory();
        try (Stream<Path> files = Files.walk(root.resolve(ROOT.replace('.', '/')))) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .map(NarrowPortsTest::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NarrowPortsTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
