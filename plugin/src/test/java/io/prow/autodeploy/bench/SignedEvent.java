package io.prow.autodeploy.bench;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.server.SignatureVerifier;
import io.prow.autodeploy.testing.Payloads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A webhook as hook forwards it, signed once up front so the load generator spends nothing on HMAC per send
 * (both servers still verify every request). The delivery GUID is a header, outside the signature, so one signed
 * body can be sent many times under fresh GUIDs.
 */
record SignedEvent(String type, byte[] body, String signature) {
    static SignedEvent of(String type, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return new SignedEvent(type, body,
                SignatureVerifier.sign(body, BenchWorld.TOKEN.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Two events that cannot concern the plugin: a person's comment without a command on the autobump PR, and a
     * CI status on a SHA that is no open autobump head (the plugin's index is fresh, so it need not ask GitHub).
     */
    static List<SignedEvent> irrelevant(PullRequest pr) {
        RepoRef r = pr.repo();
        Comment thanks = new Comment(9_000_001L, "alice", "Thanks! The new hook image looks good to me.",
                Instant.parse("2026-11-25T18:00:00Z"),
                "https://github.com/" + r + "/pull/" + pr.number() + "#issuecomment-9000001");
        return List.of(
                of("issue_comment", Payloads.issueComment(r, pr.number(), true, thanks, "User")),
                of("status", Payloads.status(r, "0123456789abcdef0123456789abcdef01234567", BenchWorld.CONTEXT,
                        "success")));
    }

    HttpRequest request(URI hook, String guid) {
        return HttpRequest.newBuilder(hook)
                .timeout(Duration.ofSeconds(10))
                .header("X-GitHub-Event", type)
                .header("X-GitHub-Delivery", guid)
                .header("X-Hub-Signature-256", signature)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** Sends once and waits for the answer; for the counted scenarios, not for load. */
    int send(HttpClient http, int port, String guid) throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + port + "/hook");
        return http.send(request(hook, guid), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
