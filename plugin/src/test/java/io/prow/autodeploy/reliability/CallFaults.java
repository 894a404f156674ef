package io.prow.autodeploy.reliability;

import io.prow.autodeploy.github.GitHub;
import io.prow.autodeploy.github.GitHubException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sits between the plugin and the in-memory GitHub and fails exactly one chosen call: the {@code occurrence}-th call
 * of {@code method} after {@link #arm}. {@code InMemoryGitHub.failNext} can only fail the next calls of a method;
 * this reaches the second {@code pullRequests} of a rollback as well as the first. It also records the order of
 * calls, so a clean run tells which calls a flow makes. A fault can strike before GitHub did anything, or after a
 * write was applied with the answer lost (a proxy's 502, a reset connection): the nastier case for duplicates.
 */
public final class CallFaults implements InvocationHandler {
    public static final Duration RETRY_AFTER = Duration.ofSeconds(60);
    static final Set<String> WRITES = Set.of("addLabels", "removeLabel", "setStatus", "createComment", "editComment",
            "createCommit", "setBranch", "createPullRequest");

    /** A failure as the GitHub port reports it. {@code afterWrite}: the write happened, its answer was lost. */
    public enum Fault {
        SERVER_ERROR_500(500, null, false),
        CONNECTION_RESET(0, null, false),
        SECONDARY_RATE_LIMIT_403(403, RETRY_AFTER, false),
        VALIDATION_FAILED_422(422, null, false),
        BAD_GATEWAY_502_AFTER_WRITE(502, null, true);

        final int status;
        final Duration retryAfter;
        final boolean afterWrite;

        Fault(int status, Duration retryAfter, boolean afterWrite) {
            this.status = status;
            this.retryAfter = retryAfter;
            this.afterWrite = afterWrite;
        }

        public GitHubException exception(String method) {
            return new GitHubException(status, "injected " + name() + " on " + method, retryAfter, null);
        }

        public boolean appliesTo(String method) {
            return !afterWrite || WRITES.contains(method);
        }

        public boolean transientFault() {
            return exception("").isTransient();
        }
    }

    private final GitHub target;
    private final List<String> trace = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private String method;
    private int occurrence;
    private Fault fault;
    private boolean struck;

    private CallFaults(GitHub target) {
        this.target = target;
    }

    /** Wraps {@code target}; {@code handle[0]} receives the controller. */
    public static GitHub wrap(GitHub target, CallFaults[] handle) {
        handle[0] = new CallFaults(target);
        return (GitHub) Proxy.newProxyInstance(GitHub.class.getClassLoader(), new Class<?>[] {GitHub.class},
                handle[0]);
    }

    /** From now on, counts calls afresh and fails the {@code occurrence}-th call of {@code method} (null: none). */
    public synchronized void arm(String method, int occurrence, Fault fault) {
        trace.clear();
        counts.clear();
        this.method = method;
        this.occurrence = occurrence;
        this.fault = fault;
        this.struck = false;
    }

    /** Calls since {@link #arm}, in order, named {@code method#n}. */
    public synchronized List<String> trace() {
        return List.copyOf(trace);
    }

    public synchronized boolean struck() {
        return struck;
    }

    @Override
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        if (m.getDeclaringClass() == Object.class || m.getName().equals("botLogin")) {
            return call(m, args);
        }
        boolean strike;
        synchronized (this) {
            int n = counts.merge(m.getName(), 1, Integer::sum);
            trace.add(m.getName() + "#" + n);
            strike = fault != null && m.getName().equals(method) && n == occurrence;
            struck |= strike;
        }
        if (strike && !fault.afterWrite) {
            throw fault.exception(m.getName());
        }
        Object result = call(m, args);
        if (strike) {
            throw fault.exception(m.getName());
        }
        return result;
    }

    private Object call(Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
