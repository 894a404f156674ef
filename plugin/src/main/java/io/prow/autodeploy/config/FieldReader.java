package io.prow.autodeploy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small readers shared by the validators: each reads one value, applies its default, or records a problem. */
final class FieldReader {
    private FieldReader() {}

    static Duration duration(List<ConfigProblem> problems, String path, String raw, Duration dflt, Duration min) {
        if (raw == null) {
            return dflt;
        }
        try {
            Duration d = GoDuration.parse(raw);
            if (d.compareTo(min) < 0) {
                problems.add(new ConfigProblem(path, "must be at least " + GoDuration.format(min) + ", got " + raw));
                return dflt;
            }
            return d;
        } catch (ArithmeticException | NumberFormatException e) {
            // A number past what a long or Duration holds: report it instead of crashing the loader.
            problems.add(new ConfigProblem(path, "'" + raw + "' is too large a duration"));
            return dflt;
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(path, e.getMessage()));
            return dflt;
        }
    }

    static String nonBlank(List<ConfigProblem> problems, String path, String raw, String dflt) {
        if (raw == null) {
            return dflt;
        }
        if (raw.isBlank()) {
            problems.add(new ConfigProblem(path, "must not be empty"));
            return dflt;
        }
        return raw.trim();
    }

    /** A list that must not be empty when given; {@code dflt} when absent. Blank entries are problems. */
    static List<String> list(List<ConfigProblem> problems, String path, List<String> raw, List<String> dflt) {
        if (raw == null) {
            return dflt;
        }
        if (raw.isEmpty()) {
            problems.add(new ConfigProblem(path, "must not be empty (leave the key out for the default)"));
            return dflt;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String v = raw.get(i);
            if (v == null || v.isBlank()) {
                problems.add(new ConfigProblem(path + "[" + i + "]", "must not be empty"));
            } else {
                out.add(v.trim());
            }
        }
        return List.copyOf(out);
    }

    /**
     * A list where "none" is a meaningful value ({@code users: []}): {@code dflt} when absent, empty when given
     * empty. Blank entries are still problems.
     */
    static List<String> optionalList(List<ConfigProblem> problems, String path, List<String> raw, List<String> dflt) {
        if (raw == null) {
            return dflt;
        }
        return raw.isEmpty() ? List.of() : list(problems, path, raw, dflt);
    }

    static Set<Role> roles(List<ConfigProblem> problems, String path, List<String> raw, Set<Role> dflt) {
        if (raw == null) {
            return dflt;
        }
        Set<Role> out = EnumSet.noneOf(Role.class);
        for (int i = 0; i < raw.size(); i++) {
            String v = raw.get(i);
            Optional<Role> role = Role.fromKey(v == null ? "" : v.trim());
            if (role.isEmpty()) {
                problems.add(new ConfigProblem(path + "[" + i + "]",
                        "unknown role '" + v + "' (known: org-members, oncall, repo-admins)"));
            } else {
                out.add(role.get());
            }
        }
        if (raw.isEmpty()) {
            problems.add(new ConfigProblem(path, "must name at least one role"));
            return dflt;
        }
        return Set.copyOf(out);
    }
}
