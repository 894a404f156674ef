package io.prow.autodeploy.config;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validators of the small repo sections; each returns null when the section has a problem. */
final class SectionValidators {
    static final String DEFAULT_TAG = "v[0-9]{8}-[0-9a-f]{7,12}";
    static final String DEFAULT_TITLE = RepoConfig.Autobump.DEFAULT_TITLE_PATTERN;
    /**
     * Defaults of keys left out (older configs rely on them); the shipped config (default-config.yaml and the
     * top-level plugin-config.yaml) sets kubernetes/k8s.io's values explicitly.
     */
    static final List<String> DEFAULT_AUTHORS = List.of("k8s-ci-robot");
    static final List<String> DEFAULT_PATHS = List.of("config/prow/cluster/**");
    static final int MAX_RETESTS = 10;

    private SectionValidators() {}

    static RepoConfig.Autobump autobump(List<ConfigProblem> problems, String at, ConfigSpec.Autobump a) {
        ConfigSpec.Autobump s = a != null ? a
                : new ConfigSpec.Autobump(null, null, null, null, null, null, null, null, null);
        int before = problems.size();
        List<String> authors = FieldReader.list(problems, at + ".authors", s.authors(), DEFAULT_AUTHORS);
        String head = FieldReader.nonBlank(problems, at + ".headBranch", s.headBranch(), "autobump");
        Pattern title = ConfigValidator.compile(problems, at + ".titlePattern", s.titlePattern(), DEFAULT_TITLE);
        if (title != null && !title.pattern().contains("(?<tag>")) {
            problems.add(new ConfigProblem(at + ".titlePattern", "must capture the tag in a group named 'tag', "
                    + "e.g. (?i)^Update prow to (?<tag>\\S+)"));
        }
        Pattern tag = ConfigValidator.compile(problems, at + ".tagPattern", s.tagPattern(), DEFAULT_TAG);
        if (tag != null && (tag.matcher("").matches() || tag.matcher("../x").matches()
                || tag.matcher("a/b").matches())) {
            problems.add(new ConfigProblem(at + ".tagPattern",
                    "must not match an empty string or a path; tags become branch names"));
        }
        List<String> paths = FieldReader.list(problems, at + ".paths", s.paths(), DEFAULT_PATHS);
        for (int i = 0; i < paths.size(); i++) {
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + paths.get(i));
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(at + ".paths[" + i + "]", "is not a valid glob: " + e.getMessage()));
            }
        }
        List<String> headRepos = FieldReader.optionalList(problems, at + ".headRepos", s.headRepos(), List.of());
        for (int i = 0; i < headRepos.size(); i++) {
            if (!headRepos.get(i).matches("[A-Za-z0-9-]+/[A-Za-z0-9_.-]+")) {
                problems.add(new ConfigProblem(at + ".headRepos[" + i + "]",
                        "must be owner/name (the bot's fork, e.g. k8s-infra-ci-robot/k8s.io), got " + headRepos.get(i)));
            }
        }
        ImageValidator.Images images = ImageValidator.images(problems, at, s);
        if (problems.size() > before || images == null) {
            return null;
        }
        List<String> deprecated = new java.util.ArrayList<>(images.deprecatedKeys());
        if (s.titlePattern() != null) {
            deprecated.add("titlePattern");
        }
        List<String> rollbackPrefixes = images.images().stream().filter(RepoConfig.Image::rollback)
                .map(RepoConfig.Image::prefix).toList();
        return new RepoConfig.Autobump(authors, head, title, tag, paths, rollbackPrefixes, images.images(),
                images.deployed(), headRepos, deprecated);
    }

    static RepoConfig.Merge merge(List<ConfigProblem> problems, String at, ConfigSpec.Merge m) {
        ConfigSpec.Merge s = m != null ? m : new ConfigSpec.Merge(null, null, null, null);
        int before = problems.size();
        List<String> labels = FieldReader.list(problems, at + ".labels", s.labels(), List.of("autodeploy/ready"));
        String context = FieldReader.nonBlank(problems, at + ".statusContext", s.statusContext(), "autodeploy");
        List<String> required = FieldReader.optionalList(problems, at + ".requiredContexts", s.requiredContexts(),
                List.of());
        List<String> ignored = FieldReader.optionalList(problems, at + ".ignoredContexts", s.ignoredContexts(),
                List.of("tide"));
        if (required.contains(context)) {
            problems.add(new ConfigProblem(at + ".requiredContexts",
                    "must not contain our own status context '" + context + "'"));
        }
        return problems.size() > before ? null : new RepoConfig.Merge(labels, context, required, ignored);
    }

    static RepoConfig.Hold hold(List<ConfigProblem> problems, String at, ConfigSpec.Hold h) {
        ConfigSpec.Hold s = h != null ? h : new ConfigSpec.Hold(null, null, null);
        int before = problems.size();
        String label = FieldReader.nonBlank(problems, at + ".label", s.label(), "do-not-merge/hold");
        var hold = FieldReader.roles(problems, at + ".whoCanHold", s.whoCanHold(),
                // Whoever may release a hold may also hold: stopping deploys must be easy for the people paged.
                EnumSet.of(Role.ORG_MEMBERS, Role.ONCALL, Role.REPO_ADMINS));
        var unhold = FieldReader.roles(problems, at + ".whoCanUnhold", s.whoCanUnhold(),
                EnumSet.of(Role.ONCALL, Role.REPO_ADMINS));
        return problems.size() > before ? null : new RepoConfig.Hold(label, hold, unhold);
    }

    static RepoConfig.Rollback rollback(List<ConfigProblem> problems, String at, ConfigSpec.Rollback r) {
        ConfigSpec.Rollback s = r != null ? r : new ConfigSpec.Rollback(null, null);
        int before = problems.size();
        var who = FieldReader.roles(problems, at + ".whoCan", s.whoCan(), EnumSet.of(Role.ONCALL, Role.REPO_ADMINS));
        RepoConfig.RollbackMerge merge = RepoConfig.RollbackMerge.TIDE;
        if (s.merge() != null) {
            switch (s.merge()) {
                case "tide" -> merge = RepoConfig.RollbackMerge.TIDE;
                case "review" -> merge = RepoConfig.RollbackMerge.REVIEW;
                default -> problems.add(new ConfigProblem(at + ".merge",
                        "must be 'tide' (label for Tide at once) or 'review' (leave for people), got '"
                                + s.merge() + "'"));
            }
        }
        return problems.size() > before ? null : new RepoConfig.Rollback(who, merge);
    }

    static RepoConfig.Alerts alerts(List<ConfigProblem> problems, String at, ConfigSpec.Alerts a) {
        ConfigSpec.Alerts s = a != null ? a : new ConfigSpec.Alerts(null, null, null, null, null, null);
        int before = problems.size();
        Optional<URI> url = Optional.empty();
        if (s.alertmanagerUrl() != null) {
            try {
                URI u = URI.create(s.alertmanagerUrl().trim());
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new IllegalArgumentException("needs http(s)://host[:port]");
                }
                url = Optional.of(u);
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(at + ".alertmanagerUrl", "is not a URL: " + e.getMessage()));
            }
        }
        List<String> matchers = FieldReader.optionalList(problems, at + ".matchers", s.matchers(), List.of());
        for (int i = 0; i < matchers.size(); i++) {
            if (!matchers.get(i).matches("[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*\".*\"")) {
                problems.add(new ConfigProblem(at + ".matchers[" + i + "]",
                        "must look like name=\"value\" (operators = != =~ !~), got " + matchers.get(i)));
            }
        }
        Duration ttl = FieldReader.duration(problems, at + ".cacheTtl", s.cacheTtl(), Duration.ofSeconds(30),
                Duration.ZERO);
        Duration timeout = FieldReader.duration(problems, at + ".timeout", s.timeout(), Duration.ofSeconds(5),
                Duration.ofMillis(100));
        boolean open = false;
        if (s.onUnreachable() != null) {
            switch (s.onUnreachable()) {
                case "open" -> open = true;
                case "closed" -> open = false;
                default -> problems.add(new ConfigProblem(at + ".onUnreachable",
                        "must be 'closed' (block deploys, the default) or 'open', got '" + s.onUnreachable() + "'"));
            }
        }
        boolean auto = s.autoRollback() != null && Boolean.TRUE.equals(s.autoRollback().enabled());
        Duration watch = FieldReader.duration(problems, at + ".autoRollback.watch",
                s.autoRollback() == null ? null : s.autoRollback().watch(), Duration.ofHours(1), Duration.ofMinutes(1));
        if (auto && url.isEmpty()) {
            problems.add(new ConfigProblem(at + ".autoRollback.enabled", "needs alerts.alertmanagerUrl"));
        }
        return problems.size() > before ? null
                : new RepoConfig.Alerts(url, matchers, ttl, timeout, open, auto, watch);
    }

    static RepoConfig.Oncall oncall(List<ConfigProblem> problems, String at, ConfigSpec.Oncall o) {
        ConfigSpec.Oncall s = o != null ? o : new ConfigSpec.Oncall(null, null);
        int before = problems.size();
        List<String> teams = FieldReader.optionalList(problems, at + ".teams", s.teams(), List.of());
        for (int i = 0; i < teams.size(); i++) {
            if (!teams.get(i).matches("[A-Za-z0-9-]+/[A-Za-z0-9_.-]+")) {
                problems.add(new ConfigProblem(at + ".teams[" + i + "]", "must be org/team-slug, got " + teams.get(i)));
            }
        }
        List<String> users = FieldReader.optionalList(problems, at + ".users", s.users(), List.of());
        return problems.size() > before ? null : new RepoConfig.Oncall(teams, users);
    }

    static RepoConfig.Retest retest(List<ConfigProblem> problems, String at, ConfigSpec.Retest r) {
        RepoConfig.Retest dflt = RepoConfig.Retest.defaults();
        if (r == null) {
            return dflt;
        }
        int before = problems.size();
        int max = r.max() == null ? dflt.max() : r.max();
        if (max < 0 || max > MAX_RETESTS) {
            problems.add(new ConfigProblem(at + ".max", "must be between 0 (never retest) and " + MAX_RETESTS
                    + ", got " + max));
        }
        Duration backoff = FieldReader.duration(problems, at + ".backoff", r.backoff(), dflt.backoff(),
                Duration.ofMinutes(1));
        return problems.size() > before ? null : new RepoConfig.Retest(max, backoff);
    }
}
