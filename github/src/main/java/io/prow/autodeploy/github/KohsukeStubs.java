package io.prow.autodeploy.github;

import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRef;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * kohsuke objects that carry only their identity, bound to our client. {@code GitHub#getRepository} would first
 * {@code GET /repos/o/r} (one extra request per call); a stub built through the library's public mapping reader
 * issues only the request of the method called on it. Issues, pulls and refs are located by their API {@code url},
 * the same way kohsuke handles objects that come from search results.
 */
final class KohsukeStubs {
    private final ObjectReader reader;
    private final String apiUrl;

    KohsukeStubs(GitHub api) {
        // The library injects its root client (and the response, here none) into every object it maps.
        InjectableValues.Std values = new InjectableValues.Std()
                .addValue(GitHub.class, api)
                .addValue(GitHubConnectorResponse.class, null);
        this.reader = GitHub.getMappingObjectReader().with(values);
        this.apiUrl = api.getApiUrl();
    }

    GHRepository repository(RepoRef repo) {
        ObjectNode owner = object().put("login", repo.owner());
        ObjectNode json = object()
                .put("name", repo.name())
                .put("full_name", repo.toString())
                .put("url", apiUrl + "/repos/" + repo);
        json.set("owner", owner);
        return read(json, GHRepository.class);
    }

    GHIssue issue(RepoRef repo, int number) {
        return read(object().put("number", number).put("url", apiUrl + "/repos/" + repo + "/issues/" + number),
                GHIssue.class);
    }

    GHPullRequest pull(RepoRef repo, int number) {
        return read(object().put("number", number).put("url", apiUrl + "/repos/" + repo + "/pulls/" + number),
                GHPullRequest.class);
    }

    /** {@code url} is the ref's own API URL, which {@link GHRef#updateTo} PATCHes. */
    GHRef branchRef(RepoRef repo, String branch) {
        return read(object().put("ref", "refs/heads/" + branch)
                .put("url", apiUrl + "/repos/" + repo + "/git/refs/heads/" + branch), GHRef.class);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private <T> T read(ObjectNode json, Class<T> type) {
        try {
            return reader.forType(type).readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a " + type.getSimpleName() + " stub", e);
        }
    }
}
