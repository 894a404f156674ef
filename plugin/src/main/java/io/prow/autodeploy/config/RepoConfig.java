package io.prow.autodeploy.config;

import io.prow.autodeploy.github.RepoRef;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Everything the plugin knows about one repository that it deploys from. All values validated. */
public record RepoConfig(
        RepoRef repo,
        String baseBranch,
        Autobump autobump,
        Merge merge,
        Window window,
        Hold hold,
        Rollback rollback,
        Alerts alerts,
        Oncall oncall,
        BreakingChanges breakingChanges,
        Retest retest,
        RolloutConfig rollout) {

    /** A repo that does not follow rollouts: "merged" is "deployed", as before {@code rollout} existed. */
    public RepoConfig(RepoRef repo, String baseBranch, Autobump autobump, Merge merge, Window window, Hold hold,
                      Rollback rollback, Alerts alerts, Oncall oncall, BreakingChanges breakingChanges, Retest retest) {
        this(repo, baseBranch, autobump, merge, window, hold, rollback, alerts, oncall, breakingChanges, retest,
                RolloutConfig.off());
    }

    /** A repo without the breaking-change guard and with default test retries (configs built before they existed). */
    public RepoConfig(RepoRef repo, String baseBranch, Autobump autobump, Merge merge, Window window, Hold hold,
                      Rollback rollback, Alerts alerts, Oncall oncall) {
        this(repo, baseBranch, autobump, merge, window, hold, rollback, alerts, oncall, BreakingChanges.off(),
                Retest.defaults());
    }

    /**
     * How to recognise the autobump PR and the image tags it writes. {@code images} are the autobumper's
     * {@code prefixes} (kubernetes/k8s.io {@code hack/autobump-config.yaml}); {@code deployedImage} names the entry
     * whose one new tag is the version deployed; {@code imagePrefixes} are the prefixes {@code /rollback} rewrites
     * (the entries with {@code rollback}). {@code headRepos} are the repositories the PR may come from
     * ({@code owner/name}); empty means each author's repository named like the base repository (the bot's fork,
     * where Prow's generic-autobumper pushes: {@code github.com/<gitHubLogin>/<remoteName>}).
     * {@code deprecatedKeys} are keys the file used that still work but should be replaced.
     */
    public record Autobump(
            List<String> authors,
            String headBranch,
            Pattern titlePattern,
            Pattern tagPattern,
            List<String> paths,
            List<String> imagePrefixes,
            List<Image> images,
            String deployedImage,
            List<String> headRepos,
            List<String> deprecatedKeys) {

        /** The title pattern used when none is configured: any autobumper title; the tag is then read by name. */
        public static final String DEFAULT_TITLE_PATTERN = "(?i)^Update\\s+.*?\\bto\\s+(?<tag>[A-Za-z0-9_.-]+)";

        public Autobump {
            authors = List.copyOf(authors);
            paths = List.copyOf(paths);
            imagePrefixes = List.copyOf(imagePrefixes);
            images = List.copyOf(images);
            headRepos = List.copyOf(headRepos);
            deprecatedKeys = List.copyOf(deprecatedKeys);
        }

        /**
         * The shape configs had before {@code images}: the first prefix is the deployed (consistent) one, every
         * prefix is rolled back, the head repository is each author's fork.
         */
        public Autobump(List<String> authors, String headBranch, Pattern titlePattern, Pattern tagPattern,
                        List<String> paths, List<String> imagePrefixes) {
            this(authors, headBranch, titlePattern, tagPattern, paths, imagePrefixes,
                    Image.fromPrefixes(imagePrefixes), Image.DEFAULT_DEPLOYED, List.of(), List.of());
        }

        /** The entry of {@code images} whose new tag is the deployed version. */
        public Image deployed() {
            return images.stream().filter(i -> i.name().equalsIgnoreCase(deployedImage)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("deployedImage names no image: " + deployedImage));
        }

        /**
         * The deployed tag a title names, if it has one of the autobumper's forms (case-insensitive, see
         * {@link AutobumpTitle}) and the tag has the tag shape. With a configured {@code titlePattern} (deprecated)
         * its {@code tag} group is used instead. Only a cross-check: the tag deployed is read from the diff.
         */
        public Optional<String> tagFromTitle(String title) {
            String t = title == null ? "" : title;
            Optional<String> tag;
            if (DEFAULT_TITLE_PATTERN.equals(titlePattern.pattern())) {
                tag = AutobumpTitle.tagOf(t, deployedImage);
            } else {
                Matcher m = titlePattern.matcher(t);
                tag = m.find() ? Optional.ofNullable(m.group("tag")) : Optional.empty();
            }
            return tag.filter(this::isTag);
        }

        public boolean isTag(String tag) {
            return tag != null && tagPattern.matcher(tag).matches();
        }

        /** Whether a PR whose head repository is {@code headRepo} ({@code owner/name}) may be an autobump PR. */
        public boolean allowsHeadRepo(String headRepo, RepoRef repo) {
            return headRepo != null && expectedHeadRepos(repo).stream().anyMatch(headRepo::equalsIgnoreCase);
        }

        public List<String> expectedHeadRepos(RepoRef repo) {
            return headRepos.isEmpty() ? authors.stream().map(a -> a + "/" + repo.name()).toList() : headRepos;
        }

        /** True when a repository path lies under one of {@code paths} (globs, {@code **} crosses folders). */
        public boolean allowsPath(String path) {
            Path p = Path.of(path);
            return paths.stream().anyMatch(glob -> matcher(glob).matches(p));
        }

        // Globs come only from config (a handful), so compiling each once and keeping it is bounded.
        private static final java.util.Map<String, PathMatcher> MATCHERS = new java.util.concurrent.ConcurrentHashMap<>();

        static PathMatcher matcher(String glob) {
            return MATCHERS.computeIfAbsent(glob, g -> FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
    }

    /**
     * One of the autobumper's image prefixes ({@code name}, {@code prefix}, {@code consistentImages} in Prow's
     * generic-autobumper config). Images of a {@code consistent} prefix all move to one new tag in a bump;
     * {@code rollback} says whether {@code /rollback} rewrites the images under it.
     */
    public record Image(String name, String prefix, boolean consistent, boolean rollback) {
        public static final String DEFAULT_DEPLOYED = "prow";

        static List<Image> fromPrefixes(List<String> prefixes) {
            List<Image> out = new java.util.ArrayList<>();
            for (int i = 0; i < prefixes.size(); i++) {
                out.add(i == 0 ? new Image(DEFAULT_DEPLOYED, prefixes.get(0), true, true)
                        : new Image(prefixes.get(i), prefixes.get(i), false, true));
            }
            return List.copyOf(out);
        }

        public boolean covers(String imageRef) {
            return imageRef.startsWith(prefix);
        }
    }

    /** What we write for Tide: labels its query requires and our commit status context. */
    public record Merge(
            List<String> labels,
            String statusContext,
            List<String> requiredContexts,
            List<String> ignoredContexts) {}

    /** When a deploy may happen: weekdays, hours, blackout dates in one IANA zone, and the pacing interval. */
    public record Window(
            ZoneId timezone,
            Set<DayOfWeek> days,
            LocalTime start,
            LocalTime end,
            List<DateRange> blackouts,
            Duration minInterval) {}

    /** An inclusive range of calendar dates in the window's zone; a single date has {@code from == to}. */
    public record DateRange(LocalDate from, LocalDate to) {
        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    public record Hold(String label, Set<Role> whoCanHold, Set<Role> whoCanUnhold) {}

    public enum RollbackMerge { TIDE, REVIEW }

    public record Rollback(Set<Role> whoCan, RollbackMerge merge) {}

    /** Alertmanager settings; {@code url} empty means the alert gate is always open. */
    public record Alerts(
            Optional<URI> url,
            List<String> matchers,
            Duration cacheTtl,
            Duration timeout,
            boolean openWhenUnreachable,
            boolean autoRollback,
            Duration autoRollbackWatch) {}

    /** Oncall: {@code teams} are {@code org/team-slug}. */
    public record Oncall(List<String> teams, List<String> users) {}

    /**
     * The breaking-change guard: image tags name commits of {@code sourceRepo}; a bump whose range changes one of
     * {@code paths} (globs) or has a commit message matching {@code messagePattern} waits for oncall. Off (always
     * open) when {@code sourceRepo} is empty.
     */
    public record BreakingChanges(Optional<RepoRef> sourceRepo, List<String> paths, Optional<Pattern> messagePattern) {
        public static final List<String> DEFAULT_PATHS =
                List.of("ANNOUNCEMENTS.md", "site/content/en/docs/announcements.md");
        public static final String DEFAULT_MESSAGE_PATTERN = "(?i)breaking change|action required";

        public BreakingChanges {
            paths = List.copyOf(paths);
        }

        public static BreakingChanges off() {
            return new BreakingChanges(Optional.empty(), DEFAULT_PATHS,
                    Optional.of(Pattern.compile(DEFAULT_MESSAGE_PATTERN)));
        }

        public boolean enabled() {
            return sourceRepo.isPresent();
        }

        public boolean watchesPath(String path) {
            Path p = Path.of(path);
            return paths.stream().anyMatch(glob -> Autobump.matcher(glob).matches(p));
        }

        public boolean watchesMessage(String message) {
            return messagePattern.isPresent() && messagePattern.get().matcher(message == null ? "" : message).find();
        }
    }

    /** Automatic {@code /retest} of a failed required context: at most {@code max} per head SHA, {@code backoff} apart. */
    public record Retest(int max, Duration backoff) {
        public static Retest defaults() {
            return new Retest(1, Duration.ofMinutes(15));
        }
    }
}
