package io.prow.autodeploy.reliability;

import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.sandbox.InMemoryGitHub;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What GitHub shows after a run, in a form two runs can be compared by: every PR (state, labels, our status), every
 * branch, and every comment the bot wrote. Only what legitimately differs between two correct runs is normalised:
 * the instant inside a hold marker (a retry happens later by the clock) and the order of the bot's comments on one
 * issue (after a failure the reply may be written before the hold marker).
 */
public record EndState(Map<Integer, String> pulls, Set<String> branches, Map<Integer, List<String>> botComments) {

    public static EndState of(InMemoryGitHub gh, int... extraIssues) {
        Map<Integer, String> pulls = new TreeMap<>();
        Map<Integer, List<String>> comments = new TreeMap<>();
        for (PullRequest pr : gh.peekAll(DeployWorld.REPO)) {
            Check ours = gh.peekChecks(DeployWorld.REPO, pr.headSha()).get("autodeploy");
            pulls.put(pr.number(), (pr.open() ? "open" : pr.merged() ? "merged" : "closed") + " " + pr.headRef()
                    + " \"" + pr.title() + "\" " + new TreeSet<>(pr.labels())
                    + (ours == null ? "" : " " + ours.state() + " " + ours.description()));
            botComments(gh, pr.number(), comments);
        }
        for (int issue : extraIssues) {
            botComments(gh, issue, comments);
        }
        return new EndState(pulls, new TreeSet<>(gh.peekBranches(DeployWorld.REPO)), comments);
    }

    private static void botComments(InMemoryGitHub gh, int number, Map<Integer, List<String>> into) {
        List<String> bodies = gh.peekComments(DeployWorld.REPO, number).stream()
                .filter(c -> c.author().equals(DeployWorld.BOT)).map(Comment::body)
                .map(EndState::normalise).sorted().toList();
        if (!bodies.isEmpty()) {
            into.put(number, bodies);
        }
    }

    static String normalise(String body) {
        return body.replaceAll("since=\\S+", "since=*");
    }
}
