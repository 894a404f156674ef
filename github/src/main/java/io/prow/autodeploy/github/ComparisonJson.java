package io.prow.autodeploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** GitHub's compare answer ({@code GET /repos/{o}/{r}/compare/{base}...{head}}) as a {@link Comparison}. */
final class ComparisonJson {
    private ComparisonJson() {}

    /** A 200 that is not a comparison (a proxy's page, a cut body) must not read as "nothing changed". */
    static Comparison parse(String what, JsonNode body) {
        if (!body.isObject() || !body.path("commits").isArray() || !body.hasNonNull("status")) {
            throw new GitHubException(0, what + " failed: the answer is not a comparison");
        }
        List<Comparison.Commit> commits = new ArrayList<>();
        body.path("commits").forEach(c -> commits.add(new Comparison.Commit(c.path("sha").asText(),
                c.path("commit").path("message").asText(""), c.path("html_url").asText(""))));
        // A rename changes both names: an announcements file moved away is as telling as one edited.
        Set<String> files = new LinkedHashSet<>();
        body.path("files").forEach(f -> {
            files.add(f.path("filename").asText());
            if (f.hasNonNull("previous_filename")) {
                files.add(f.path("previous_filename").asText());
            }
        });
        int total = body.path("total_commits").asInt(commits.size());
        return new Comparison(body.path("status").asText(""), total, commits, List.copyOf(files),
                body.path("html_url").asText(""));
    }
}
