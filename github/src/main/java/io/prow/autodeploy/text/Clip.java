package io.prow.autodeploy.text;

/**
 * The one way text is cut to a length anywhere in the plugin (status descriptions, replies, echoed reasons, log
 * snippets): counted and cut in code points, never between the two halves of a surrogate pair. A lone surrogate
 * is not valid Unicode: GitHub would reject or mangle it, and it shows as a broken glyph. GitHub's own limits count
 * characters as code points (its Ruby strings are UTF-8; e.g. a commit status answers 422 "description is too
 * long (maximum is 140 characters)").
 */
public final class Clip {
    public static final String ELLIPSIS = "…";

    private Clip() {}

    /** {@code text} if it has at most {@code max} code points, else its first {@code max - 1} and "…". */
    public static String withEllipsis(String text, int max) {
        if (text == null) {
            return "";
        }
        if (fits(text, max)) {
            return text;
        }
        return max <= 0 ? "" : head(text, max - 1) + ELLIPSIS;
    }

    /** The first {@code max} code points of {@code text} (all of it when shorter), with nothing added. */
    public static String head(String text, int max) {
        if (text == null || max <= 0) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = 0;
        for (int n = 0; n < max && end < text.length(); n++) {
            end += Character.charCount(text.codePointAt(end));
        }
        return text.substring(0, end);
    }

    /** Whether {@code text} has at most {@code max} code points; cheap for short text. */
    public static boolean fits(String text, int max) {
        // Every code point is one or two chars: up to max chars always fit, more than 2*max never do.
        if (text.length() <= max) {
            return true;
        }
        return text.length() <= 2L * max && text.codePointCount(0, text.length()) <= max;
    }
}
