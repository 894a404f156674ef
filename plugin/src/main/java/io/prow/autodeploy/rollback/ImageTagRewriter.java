package io.prow.autodeploy.rollback;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites the tags of our images in a file's text, touching nothing but the tag characters: quotes, comments,
 * indentation, line endings and images of other registries keep every byte.
 *
 * <p>Which tags: every image under one of the prefixes whose tag has the autobump tag shape ends on the target,
 * not only those on the "current" tag. Prow's autobumper moves every prefixed image to the one new tag, so the state
 * that was deployed as the target tag had all of them on it; rolling back only the images on the current tag would
 * leave a component the files disagree on (a hand edit, a half-applied bump) on a version never tested with the
 * rest. Tags of another shape ({@code latest}, a pinned tag with {@code @sha256:} digest) are not the autobumper's
 * and are left alone. Like the autobumper, this works on text, so a commented-out reference moves too.
 */
public final class ImageTagRewriter {
    /** Characters of an image reference: before a prefix they mean the prefix is inside a longer reference. */
    private static final String REF_CHARS = "A-Za-z0-9._/-";
    private static final String TAG_CHARS = "A-Za-z0-9._-";

    private final Pattern imageRef;
    private final Pattern tagPattern;

    public ImageTagRewriter(List<String> imagePrefixes, Pattern tagPattern) {
        if (imagePrefixes.isEmpty()) {
            throw new IllegalArgumentException("no image prefixes");
        }
        String prefixes = imagePrefixes.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        this.imageRef = Pattern.compile("(?<![" + REF_CHARS + "])(?<image>(?:" + prefixes + ")[" + REF_CHARS + "]*)"
                + ":(?<tag>[" + TAG_CHARS + "]++)(?![@" + TAG_CHARS + "])");
        this.tagPattern = tagPattern;
    }

    /** The new text and what changed, in file order. {@code targetTag} must have the tag shape. */
    public Rewrite rewrite(String text, String targetTag) {
        if (!tagPattern.matcher(targetTag).matches() || !targetTag.matches("[" + TAG_CHARS + "]+")) {
            throw new IllegalArgumentException("not a tag: " + targetTag);
        }
        StringBuilder out = new StringBuilder(text.length());
        List<ImageChange> changes = new ArrayList<>();
        Matcher m = imageRef.matcher(text);
        int copied = 0;
        int line = 1;
        while (m.find()) {
            String tag = m.group("tag");
            if (tag.equals(targetTag) || !tagPattern.matcher(tag).matches()) {
                continue;
            }
            line += countNewlines(text, copied, m.start());
            out.append(text, copied, m.start("tag")).append(targetTag);
            copied = m.end("tag");
            changes.add(new ImageChange(m.group("image"), line, tag, targetTag));
        }
        out.append(text, copied, text.length());
        return new Rewrite(out.toString(), changes);
    }

    private static int countNewlines(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The rewritten text and the changes made; {@code text} equals the input when nothing changed. */
    public record Rewrite(String text, List<ImageChange> changes) {
        public Rewrite {
            changes = List.copyOf(changes);
        }

        public boolean changed() {
            return !changes.isEmpty();
        }
    }
}
