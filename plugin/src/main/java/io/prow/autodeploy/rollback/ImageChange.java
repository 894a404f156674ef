package io.prow.autodeploy.rollback;

/** One image reference whose tag a rollback rewrites; {@code line} is 1-based in the file's text. */
public record ImageChange(String image, int line, String fromTag, String toTag) {}
