package io.prow.autodeploy.deploy.reconcile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prow's image tags name the source commit they were built from: {@code vYYYYMMDD-<sha>}, the date the image was
 * built and an abbreviated (7 to 40 hex digits, lowercase as git prints them) SHA of the source repository.
 */
public final class SourceTag {
    private static final Pattern TAG = Pattern.compile("v([0-9]{8})-([0-9a-f]{7,40})");

    private SourceTag() {}

    /** The source commit a tag names; empty when the tag does not have the shape or its date does not exist. */
    public static Optional<String> commitOf(String tag) {
        Matcher m = TAG.matcher(tag == null ? "" : tag);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        return Optional.of(m.group(2));
    }
}
