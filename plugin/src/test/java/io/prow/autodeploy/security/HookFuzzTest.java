package io.prow.autodeploy.security;

import static io.prow.autodeploy.reliability.DeployWorld.READY;
import static io.prow.autodeploy.reliability.DeployWorld.REPO;
import static org.assertj.core.api.Assertions.assertThat;

import io.prow.autodeploy.reliability.DeployWorld;
import io.prow.autodeploy.sandbox.ManualClock;
import io.prow.autodeploy.server.SignatureVerifier;
import io.prow.autodeploy.testing.Payloads;
import io.prow.autodeploy.testing.PluginHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /hook} under 10,000+ generated requests from a fixed seed, sent over raw sockets (so nothing is cleaned up
 * by a client library): random bytes, tampered real payloads, wrong encodings, header injection, lying lengths,
 * smuggling shapes, deep nesting, bodies around the size limit, other methods. Without a valid signature nothing
 * may reach GitHub and nothing may be accepted; nothing may answer 5xx (503 aside); the plugin must still handle a
 * valid event afterwards. Correctly signed mutated payloads get 200 or 400, never 5xx.
 */
class HookFuzzTest {
    private static final long SEED = 0x5eed_2026L;
    private static final int LIMIT = 5 << 20;
    private static final IntPredicate REFUSED = s -> s >= 400 && s < 500 || s == 503;
    /** HEAD and OPTIONS may be answered (by the framework) as long as nothing happens: calls() stays empty. */
    private static final IntPredicate NO_SERVER_ERROR = s -> s > 0 && (s < 500 || s == 503);
    private static final IntPredicate REFUSED_OR_DROPPED = s -> REFUSED.test(s) || s == RawHttp.NO_ANSWER;

    private final ManualClock clock = ManualClock.at("2026-11-25T18:00:00Z");
    private final Random random = new Random(SEED);
    private final FuzzInputs inputs = new FuzzInputs(random);
    private final Map<String, Map<Integer, Integer>> seen = new ConcurrentHashMap<>();
    private PluginHarness h;
    private int bump;
    private List<String> corpus;

    /** One request as bytes on the wire, what it is, and which statuses it may get. */
    private record Probe(String kind, byte[] head, byte[] body, IntPredicate allowed) {}

    @BeforeEach
    void start() throws Exception {
        h = new PluginHarness(clock, PluginHarness.defaultConfig(), DeployWorld.github(clock));
        bump = DeployWorld.openBump(h.gh, DeployWorld.NEXT);
        corpus = List.of(DeployWorld.opened(h.gh, bump), DeployWorld.comment(h.gh, bump, "alice", "/hold now"),
                DeployWorld.status(h.gh, bump, "success"), Payloads.push(REPO, "refs/heads/master", "0".repeat(40)),
                "{\"zen\":\"Keep it simple.\",\"repository\":{\"full_name\":\"kubernetes/test-infra\"}}");
        h.settle();
        h.gh.resetCalls();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private byte[] post(String path, String event, String contentType, String signature, String extra, long length) {
        return RawHttp.head("POST " + path + " HTTP/1.1", "X-GitHub-Event: " + event + "\r\nX-GitHub-Delivery: fuzz-"
                + random.nextInt() + "\r\nContent-Type: " + contentType + "\r\nX-Hub-Signature-256: " + signature
                + "\r\n" + extra, length);
    }

    private Probe unsigned(String kind, byte[] body, String signature) {
        String event = inputs.pick(FuzzInputs.EVENTS).replaceAll("[\\r\\n]", "");
        return new Probe(kind, post("/hook", event, inputs.pick(FuzzInputs.CONTENT_TYPES), signature, "", body.length),
                body, REFUSED);
    }

    private List<Probe> unsignedProbes() {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            probes.add(unsigned("random bytes", inputs.randomBytes(2_048), inputs.randomSignature()));
        }
        for (int i = 0; i < 3_000; i++) {
            String original = inputs.pick(corpus);
            byte[] tampered = inputs.mutateBytes(original.getBytes(StandardCharsets.UTF_8),
                    inputs.pick(corpus).getBytes(StandardCharsets.UTF_8));
            probes.add(unsigned("tampered payload, original signature", tampered, sign(original.getBytes(StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < 500; i++) {
            byte[] body = inputs.pick(corpus).getBytes(StandardCharsets.UTF_8);
            probes.add(unsigned("signed with another token", body, SignatureVerifier.sign(body,
                    ("not-" + PluginHarness.TOKEN).getBytes(StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < 1_000; i++) {
            String original = inputs.pick(corpus);
            probes.add(unsigned("re-encoded, signature of the UTF-8", inputs.reencode(original),
                    sign(original.getBytes(StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < 200; i++) {
            probes.add(unsigned("deep nesting", inputs.deep(), inputs.randomSignature()));
        }
        for (int i = 0; i < 1_200; i++) {
            probes.add(headerAttack(i));
        }
        for (int i = 0; i < 500; i++) {
            String method = inputs.pick(List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "POST"));
            String path = inputs.pick(List.of("/hook", "/hook/", "/HOOK", "/hook;x=1", "/hook?event=push",
                    "//hook", "/%68ook", "/hook/../hook", "/nothing"));
            byte[] body = inputs.randomBytes(256);
            probes.add(new Probe("method " + method + " " + path, RawHttp.head(method + " " + path + " HTTP/1.1",
                    "X-GitHub-Event: ping\r\nX-GitHub-Delivery: m\r\nContent-Type: application/json\r\n",
                    body.length), body, method.equals("POST") ? REFUSED : NO_SERVER_ERROR));
        }
        return probes;
    }

    /** CR/LF and NUL inside headers, folded lines, lying lengths, smuggling shapes, oversized headers. */
    private Probe headerAttack(int i) {
        byte[] body = inputs.pick(corpus).getBytes(StandardCharsets.UTF_8);
        String sig = sign(body);
        String kind;
        byte[] head;
        switch (i % 8) {
            case 0 -> {
                kind = "CRLF injected into a header to split the request";
                head = post("/hook", "ping\r\nContent-Length: 0\r\n\r\nPOST /hook HTTP/1.1\r\nX-GitHub-Event: push",
                        "application/json", inputs.randomSignature(), "", body.length);
            }
            case 1 -> {
                kind = "bare LF and NUL in headers";
                head = post("/hook", "push\n\u0000X-Injected: 1", "application/json\u0000", inputs.randomSignature(),
                        "", body.length);
            }
            case 2 -> {
                kind = "obsolete line folding of the signature";
                head = post("/hook", "ping", "application/json", "sha256=\r\n " + sig.substring(7), "", body.length);
            }
            case 3 -> {
                kind = "Content-Length shorter than the body";
                head = post("/hook", "ping", "application/json", inputs.randomSignature(), "", body.length / 2);
            }
            case 4 -> {
                kind = "Content-Length and Transfer-Encoding together";
                head = post("/hook", "ping", "application/json", inputs.randomSignature(),
                        "Transfer-Encoding: chunked\r\n", body.length);
            }
            case 5 -> {
                kind = "header of 64 KiB";
                head = post("/hook", "ping", "application/json", inputs.randomSignature(),
                        "X-Padding: " + "a".repeat(64 << 10) + "\r\n", body.length);
            }
            case 6 -> {
                kind = "non-ASCII header names and values";
                head = post("/hook", "pull_request\u00e9", "application/json", "sha256=\u00ff\u00fe",
                        "X-GitHub-\u00c9vent: push\r\n", body.length);
            }
            default -> {
                kind = "garbage request line";
                head = ("POST /hook HTTP/1.1 extra\r\n" + new String(inputs.randomBytes(64), StandardCharsets.ISO_8859_1)
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return new Probe(kind, head, body, REFUSED_OR_DROPPED);
    }

    /** Bodies just under, at and over the limit, declared or chunked. */
    private List<Probe> hugeProbes() {
        List<Probe> probes = new ArrayList<>();
        for (int size : new int[] {LIMIT - 1, LIMIT, LIMIT + 1, 2 * LIMIT}) {
            byte[] body = new byte[size];
            java.util.Arrays.fill(body, (byte) '[');
            probes.add(new Probe("body of " + size + " bytes", post("/hook", "ping", "application/json",
                    inputs.randomSignature(), "", size), body, size > LIMIT ? s -> s == 413 : REFUSED));
        }
        byte[] chunk = ("100000\r\n" + "a".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunked = new byte[0];
        for (int i = 0; i < 6; i++) {
            chunked = FuzzInputs.concat(chunked, chunk);
        }
        chunked = FuzzInputs.concat(chunked, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        probes.add(new Probe("chunked body of 6 MiB", post("/hook", "ping", "application/json",
                inputs.randomSignature(), "Transfer-Encoding: chunked\r\n", -1), chunked, s -> s == 413));
        return probes;
    }

    private String sign(byte[] body) {
        return SignatureVerifier.sign(body, PluginHarness.TOKEN.getBytes(StandardCharsets.UTF_8));
    }

    private void sendAll(List<Probe> probes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Probe p : probes) {
                done.add(pool.submit(() -> {
                    int status = RawHttp.exchange(h.app.port(), p.head(), p.body());
                    seen.computeIfAbsent(p.kind(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
                    assertThat(p.allowed().test(status)).as("%s answered %d", p.kind(), status).isTrue();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unsignedRequestsAreRefusedWithoutSideEffectsAndThePluginStillWorks() throws Exception {
        List<Probe> probes = new ArrayList<>(unsignedProbes());
        probes.addAll(hugeProbes());
        List<String> log = h.gh.log();

        sendAll(probes);
        h.settle();

        assertThat(probes).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(h.gh.calls()).as("GitHub calls caused by unsigned requests").isEmpty();
        assertThat(h.gh.log()).isEqualTo(log);
        assertThat(h.send("pull_request", DeployWorld.opened(h.gh, bump))).isEqualTo(200);
        h.settle();
        assertThat(h.gh.peek(REPO, bump).labels()).as("a valid event is still handled").contains(READY);
        System.out.println("hook fuzz, statuses by kind: " + seen);
    }

    @Test
    void signedMutatedPayloadsAreAcceptedOrRefusedNeverAServerError() throws Exception {
        List<Probe> probes = new ArrayList<>();
        IntPredicate okOrBad = s -> s == 200 || s == 400;
        for (int i = 0; i < 2_500; i++) {
            String original = inputs.pick(corpus);
            byte[] body = switch (i % 5) {
                case 0 -> inputs.mutateBytes(original.getBytes(StandardCharsets.UTF_8),
                        inputs.pick(corpus).getBytes(StandardCharsets.UTF_8));
                case 1 -> inputs.deep();
                case 2 -> inputs.nestedSigned(original);
                default -> inputs.mutateTree(original);
            };
            String event = inputs.pick(List.of("pull_request", "issue_comment", "status", "push", "check_run",
                    "check_suite", "ping"));
            probes.add(new Probe("signed " + event, post("/hook", event, "application/json", sign(body), "",
                    body.length), body, okOrBad));
        }

        sendAll(probes);
        h.settle();

        assertThat(seen.values().stream().flatMap(m -> m.keySet().stream())).contains(200, 400);
        assertThat(h.send("pull_request", DeployWorld.opened(h.gh, bump))).isEqualTo(200);
        h.settle();
        System.out.println("signed fuzz, statuses by event: " + seen);
    }
}
