package io.prow.autodeploy.reliability;

import static io.prow.autodeploy.reliability.DeployWorld.CURRENT;
import static io.prow.autodeploy.reliability.DeployWorld.FIRST;
import static io.prow.autodeploy.reliability.DeployWorld.NEXT;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.testing.PluginHarness;

/**
 * The flows whose GitHub calls the fault table breaks one at a time. {@link #prepare} brings the world to the moment
 * before the flow and returns the one delivery that starts it (sent again as a redelivery when converging).
 */
public enum Flow {
    /** A green bump opens inside the window: read, then label and status. */
    GATE_DEPLOY {
        @Override
        Delivery prepare(PluginHarness h) {
            int n = DeployWorld.openBump(h.gh, NEXT);
            return new Delivery("pull_request", DeployWorld.opened(h.gh, n));
        }
    },
    /** A test goes red on a deployed bump: the merge label comes off. */
    GATE_WITHDRAW {
        @Override
        Delivery prepare(PluginHarness h) throws Exception {
            int n = deployed(h);
            h.gh.setCheck(DeployWorld.REPO, h.gh.peek(DeployWorld.REPO, n).headSha(), "pull-test-infra-unit",
                    Check.State.FAILURE);
            return new Delivery("status", DeployWorld.status(h.gh, n, "failure"));
        }
    },
    /** An org member holds deploys on the deployed bump. */
    HOLD {
        @Override
        Delivery prepare(PluginHarness h) throws Exception {
            int n = deployed(h);
            return new Delivery("issue_comment", DeployWorld.comment(h.gh, n, "bob", "/hold hook is crashlooping"));
        }
    },
    /** Oncall releases a hold. */
    UNHOLD {
        @Override
        Delivery prepare(PluginHarness h) throws Exception {
            int n = deployed(h);
            h.send("issue_comment", DeployWorld.comment(h.gh, n, "alice", "/hold"));
            h.settle();
            return new Delivery("issue_comment", DeployWorld.comment(h.gh, n, "alice", "/hold cancel"));
        }
    },
    /** The autobumper replaces a held bump: the hold is carried to the new one. */
    CARRY_HOLD {
        @Override
        Delivery prepare(PluginHarness h) throws Exception {
            int n = deployed(h);
            h.send("issue_comment", DeployWorld.comment(h.gh, n, "alice", "/hold flaky"));
            h.settle();
            h.gh.close(DeployWorld.REPO, n);
            int next = DeployWorld.openBump(h.gh, "v20261125-3d4e5f6a7b");
            return new Delivery("pull_request", DeployWorld.opened(h.gh, next));
        }
    },
    /** Oncall rolls back from the current deploy to the first one. */
    ROLLBACK {
        @Override
        Delivery prepare(PluginHarness h) throws Exception {
            int n = deployed(h);
            return new Delivery("issue_comment", DeployWorld.comment(h.gh, n, "alice", "/rollback " + FIRST));
        }
    };

    public record Delivery(String eventType, String body) {}

    abstract Delivery prepare(PluginHarness h) throws Exception;

    /** The bump to {@link DeployWorld#NEXT} opened and deployed (labelled); returns its number. */
    public static int deployed(PluginHarness h) throws Exception {
        int n = DeployWorld.openBump(h.gh, NEXT);
        h.send("pull_request", DeployWorld.opened(h.gh, n));
        h.settle();
        if (!h.gh.peek(DeployWorld.REPO, n).hasLabel(DeployWorld.READY)) {
            throw new IllegalStateException("the world did not deploy " + NEXT + " over " + CURRENT);
        }
        return n;
    }
}
