package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.ChangedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an autobump PR deploys, read from the patches of its files (the ones the trust gate already reads: no
 * extra request). Prow's generic-autobumper moves every image under a prefix with {@code consistentImages} to one
 * new tag, and refuses to bump otherwise ({@code getVersionsAndCheckConsistency}, kubernetes-sigs/prow
 * {@code cmd/generic-autobumper/main.go}); so the deployed tag is the one new tag of the images under the
 * {@code deployedImage} prefix, and a consistent prefix on two new tags is not the autobumper's work.
 *
 * <p>A new tag is one on an added ({@code +}) line whose image reference is not also on a removed line of that
 * file (a moved line is no bump). Either {@code tag} is present, or {@code problem} says why not, in words fit for
 * the commit status.
 */
public record BumpDiff(Optional<String> tag, String problem) {
    private static final String REF_CHARS = "A-Za-z0-9._/-";
    private static final String TAG_CHARS = "A-Za-z0-9._-";
    /** Image references: registry path, then {@code :tag}; a digest after the tag ({@code @sha256:}) is not ours. */
    private static final Pattern IMAGE_REF = Pattern.compile("(?<![" + REF_CHARS + "])(?<image>[A-Za-z0-9][" + REF_CHARS
            + "]*/[" + REF_CHARS + "]*[A-Za-z0-9_-]):(?<tag>[" + TAG_CHARS + "]*[A-Za-z0-9_-])(?![@" + TAG_CHARS + "])");
    /** Lines longer than this are skipped: image lines are short, and a minified blob must not cost CPU. */
    private static final int MAX_LINE = 4_096;

    public static final BumpDiff UNREAD = new BumpDiff(Optional.empty(), "the PR's files were not read");

    public static BumpDiff read(RepoConfig.Autobump a, List<ChangedFile> files) {
        for (ChangedFile f : files) {
            if (!f.hasPatch()) {
                return problem("GitHub shows no diff for " + f.path() + " (too large): cannot read the new tag");
            }
        }
        // image name -> new tags, per consistent prefix; sorted by image for stable texts
        Map<String, Map<String, Set<String>>> byPrefix = new LinkedHashMap<>();
        for (RepoConfig.Image image : a.images()) {
            byPrefix.put(image.name(), new TreeMap<>());
        }
        for (ChangedFile f : files) {
            Set<String> removed = new LinkedHashSet<>();
            List<String[]> added = new ArrayList<>();
            for (String line : f.patch().split("\n", -1)) {
                if (line.length() > MAX_LINE || line.startsWith("+++") || line.startsWith("---")) {
                    continue;
                }
                if (line.startsWith("-") || line.startsWith("+")) {
                    Matcher m = IMAGE_REF.matcher(line);
                    while (m.find()) {
                        if (line.charAt(0) == '-') {
                            removed.add(m.group("image") + ":" + m.group("tag"));
                        } else {
                            added.add(new String[] {m.group("image"), m.group("tag")});
                        }
                    }
                }
            }
            for (String[] ref : added) {
                if (removed.contains(ref[0] + ":" + ref[1])) {
                    continue;
                }
                for (RepoConfig.Image image : a.images()) {
                    if (image.covers(ref[0])) {
                        byPrefix.get(image.name()).computeIfAbsent(ref[1], t -> new LinkedHashSet<>())
                                .add(shortName(ref[0]));
                    }
                }
            }
        }
        for (RepoConfig.Image image : a.images()) {
            Map<String, Set<String>> tags = byPrefix.get(image.name());
            if (image.consistent() && tags.size() > 1) {
                return problem(image.name() + " images on " + tags.size() + " new tags: " + describe(tags));
            }
        }
        RepoConfig.Image deployed = a.deployed();
        Map<String, Set<String>> tags = byPrefix.get(deployed.name());
        if (tags.isEmpty()) {
            return problem("the diff bumps no " + deployed.name() + " image (" + deployed.prefix() + ")");
        }
        String tag = tags.keySet().iterator().next();
        if (!a.isTag(tag)) {
            return problem("new " + deployed.name() + " tag " + tag + " does not match " + a.tagPattern().pattern());
        }
        return new BumpDiff(Optional.of(tag), null);
    }

    private static BumpDiff problem(String why) {
        return new BumpDiff(Optional.empty(), why);
    }

    /** {@code v1 (deck, hook), v2 (tide)}: a few images per tag, enough to find them. */
    private static String describe(Map<String, Set<String>> tags) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : tags.entrySet()) {
            List<String> images = e.getValue().stream().sorted().toList();
            String names = String.join(", ", images.subList(0, Math.min(3, images.size())))
                    + (images.size() > 3 ? " +" + (images.size() - 3) : "");
            parts.add(e.getKey() + " (" + names + ")");
        }
        return String.join(", ", parts);
    }

    private static String shortName(String image) {
        return image.substring(image.lastIndexOf('/') + 1);
    }
}
