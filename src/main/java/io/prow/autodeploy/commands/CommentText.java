package io.prow.autodeploy.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a comment that can carry commands: not quoted ({@code > /hold}), not inside fenced code blocks,
 * not indented code. Line endings CRLF or LF. Mirrors how people expect Prow to read comments.
 */
public final class CommentText {
    private CommentText() {}

    public static String commandLines(String body) {
        if (body == null) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        boolean inFence = false;
        String fence = null;
        for (String raw : body.split("\r?\n|\r", -1)) {
            String trimmed = raw.stripLeading();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                String marker = trimmed.substring(0, 3);
                if (!inFence) {
                    inFence = true;
                    fence = marker;
                } else if (marker.equals(fence)) {
                    inFence = false;
                }
                continue;
            }
            if (inFence || trimmed.startsWith(">") || raw.startsWith("    ") || raw.startsWith("\t")) {
                continue;
            }
            kept.add(raw.strip());
        }
        return String.join("\n", kept);
    }
}
