package io.prow.autodeploy.github;

import java.time.Instant;

/** An issue or PR conversation comment. */
public record Comment(long id, String author, String body, Instant createdAt, String htmlUrl) {}
