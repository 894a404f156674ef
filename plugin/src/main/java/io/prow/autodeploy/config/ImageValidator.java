package io.prow.autodeploy.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code autobump.images}, {@code autobump.deployedImage} and the deprecated {@code autobump.imagePrefixes}.
 * Returns null when there is a problem (reported with its key path).
 */
final class ImageValidator {
    static final String DEFAULT_PREFIX = "us-docker.pkg.dev/k8s-infra-prow/images/";

    private ImageValidator() {}

    record Images(List<RepoConfig.Image> images, String deployed, List<String> deprecatedKeys) {}

    static Images images(List<ConfigProblem> problems, String at, ConfigSpec.Autobump s) {
        int before = problems.size();
        List<String> deprecated = new ArrayList<>();
        List<RepoConfig.Image> images;
        String deployed = s.deployedImage() == null ? RepoConfig.Image.DEFAULT_DEPLOYED : s.deployedImage().trim();
        if (s.images() != null && s.imagePrefixes() != null) {
            problems.add(new ConfigProblem(at + ".imagePrefixes",
                    "is the deprecated form of autobump.images: set only autobump.images"));
            return null;
        }
        if (s.images() != null) {
            images = entries(problems, at + ".images", s.images(), deployed);
        } else {
            List<String> prefixes = FieldReader.list(problems, at + ".imagePrefixes", s.imagePrefixes(),
                    List.of(DEFAULT_PREFIX));
            if (s.imagePrefixes() != null) {
                deprecated.add("imagePrefixes");
            }
            images = RepoConfig.Image.fromPrefixes(prefixes);
        }
        if (problems.size() > before || images == null) {
            return null;
        }
        RepoConfig.Image chosen = images.stream().filter(i -> i.name().equalsIgnoreCase(deployed)).findFirst()
                .orElse(null);
        if (chosen == null) {
            problems.add(new ConfigProblem(at + ".deployedImage", "'" + deployed + "' names no entry of "
                    + at + ".images (" + String.join(", ", images.stream().map(RepoConfig.Image::name).toList())
                    + ")"));
        } else if (!chosen.consistent()) {
            problems.add(new ConfigProblem(at + ".deployedImage", "'" + deployed + "' must be an image with "
                    + "consistent: true: the deployed version is the one new tag of its images"));
        }
        if (images.stream().noneMatch(RepoConfig.Image::rollback)) {
            problems.add(new ConfigProblem(at + ".images", "no entry has rollback: true: /rollback would rewrite "
                    + "nothing"));
        }
        return problems.size() > before ? null : new Images(images, deployed, deprecated);
    }

    private static List<RepoConfig.Image> entries(List<ConfigProblem> problems, String at,
                                                   List<ConfigSpec.Image> specs, String deployed) {
        if (specs.isEmpty()) {
            problems.add(new ConfigProblem(at, "must list at least one image prefix"));
            return null;
        }
        List<RepoConfig.Image> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String path = at + "[" + i + "]";
            ConfigSpec.Image e = specs.get(i);
            if (e == null) {
                problems.add(new ConfigProblem(path, "is empty"));
                continue;
            }
            String name = required(problems, path + ".name", e.name(), "the autobumper's prefix name, e.g. prow");
            String prefix = required(problems, path + ".prefix", e.prefix(), "e.g. " + DEFAULT_PREFIX);
            if (prefix != null && !prefix.matches("[A-Za-z0-9._/:-]+")) {
                problems.add(new ConfigProblem(path + ".prefix", "must be an image reference prefix such as "
                        + DEFAULT_PREFIX + ", got '" + prefix + "'"));
            }
            if (name != null && !names.add(name.toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigProblem(path + ".name", "'" + name + "' is listed twice"));
            }
            if (name != null && prefix != null) {
                boolean consistent = Boolean.TRUE.equals(e.consistent());
                boolean rollback = e.rollback() != null ? e.rollback() : name.equalsIgnoreCase(deployed);
                out.add(new RepoConfig.Image(name, prefix, consistent, rollback));
            }
        }
        return out;
    }

    private static String required(List<ConfigProblem> problems, String path, String raw, String example) {
        if (raw == null || raw.isBlank()) {
            problems.add(new ConfigProblem(path, "is required (" + example + ")"));
            return null;
        }
        return raw.trim();
    }
}
