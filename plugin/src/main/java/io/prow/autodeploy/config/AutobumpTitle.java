package io.prow.autodeploy.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tag of one image name from an autobump PR title. Prow's generic-autobumper titles its PR with
 * {@code makeCommitSummary} (kubernetes-sigs/prow {@code cmd/generic-autobumper/main.go}): {@code Update } then
 * {@code <name> to <tag>} per bumped consistent prefix joined by {@code ", "}, then {@code <names> as needed} for
 * the others, the two parts joined by {@code " and "}; {@code <name>} is the config's prefix name in its case. Real
 * forms: {@code Update prow to v20261124-5f6e7d8c9b}, {@code Update boskos to v20261101-0a1b2c3d4, prow to
 * v20261124-5f6e7d8c9b and ghproxy as needed}, {@code Update Prow to v20260821-a61940897}, and older bumpers'
 * {@code Update prow to vX, and other images as necessary.} Names match case-insensitively; the tag stops before
 * a comma or a sentence's final dot.
 */
public final class AutobumpTitle {
    private static final int MAX_TITLE = 1_024; // GitHub caps titles at 256 characters; never scan more than this

    private AutobumpTitle() {}

    public static Optional<String> tagOf(String title, String name) {
        if (title == null || name == null || name.isBlank()) {
            return Optional.empty();
        }
        String t = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
        Pattern p = Pattern.compile("(?i)^Update\\s+(?:.*?(?:,|\\s+and)\\s+)?" + Pattern.quote(name)
                + "\\s+to\\s+(?<tag>[A-Za-z0-9_.-]*[A-Za-z0-9_-])");
        Matcher m = p.matcher(t.strip());
        return m.find() ? Optional.of(m.group("tag")) : Optional.empty();
    }
}
