package io.prow.autodeploy.sandbox;

import io.prow.autodeploy.github.GitHubException;
import java.util.HashMap;
import java.util.Map;

/**
 * The plugin's calls to the sandbox GitHub: counted per method, reads and writes apart, so a test can assert what
 * a decision costs; and the faults a test injects per method. Guarded by the owning {@link InMemoryGitHub}'s lock.
 */
final class SandboxCalls {
    private record Fault(int remaining, GitHubException error) {}

    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Fault> faults = new HashMap<>();
    private int reads;
    private int writes;

    /** Counts one call of {@code method}; throws the injected fault, if one is left (the call still counts). */
    void enter(String method, boolean write) {
        calls.merge(method, 1, Integer::sum);
        if (write) {
            writes++;
        } else {
            reads++;
        }
        Fault f = faults.get(method);
        if (f != null && f.remaining() > 0) {
            faults.put(method, new Fault(f.remaining() - 1, f.error()));
            throw f.error();
        }
    }

    Map<String, Integer> perMethod() {
        return Map.copyOf(calls);
    }

    int reads() {
        return reads;
    }

    int writes() {
        return writes;
    }

    void reset() {
        calls.clear();
        reads = 0;
        writes = 0;
    }

    void failNext(String method, int times, GitHubException error) {
        faults.put(method, new Fault(times, error));
    }
}
