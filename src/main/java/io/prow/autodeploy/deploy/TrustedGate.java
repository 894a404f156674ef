package io.prow.autodeploy.deploy;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import java.time.Instant;
import java.util.List;

/** The PR is the autobumper's: right author, head branch, base branch, a tag in the title, only allowed paths. */
public final class TrustedGate implements Gate {
    public static final String NAME = "trusted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the PR is a trusted autobump PR (author, head branch, base branch, tag in title, allowed paths)";
    }

    @Override
    public GateResult evaluate(Snapshot s, Instant now) {
        RepoConfig c = s.config();
        RepoConfig.Autobump a = c.autobump();
        PullRequest pr = s.pr();
        if (!pr.open()) {
            return GateResult.closed(NAME, "Not deploying: PR is closed");
        }
        if (!a.authors().contains(pr.author())) {
            return GateResult.closed(NAME, "Not trusted: @" + pr.author() + " is not an autobump author");
        }
        if (!a.headBranch().equals(pr.headRef())) {
            return GateResult.closed(NAME, "Not trusted: head branch " + pr.headRef() + " is not "
                    + a.headBranch());
        }
        if (!c.baseBranch().equals(pr.baseRef())) {
            return GateResult.closed(NAME, "Not trusted: base branch " + pr.baseRef() + " is not "
                    + c.baseBranch());
        }
        if (s.tag().isEmpty()) {
            return GateResult.closed(NAME, "Not trusted: title names no tag matching " + a.tagPattern().pattern());
        }
        if (s.changedFiles().isEmpty()) {
            return GateResult.closed(NAME, "Not trusted: the PR changes no files");
        }
        List<String> outside = s.changedFiles().stream().filter(f -> !a.allowsPath(f)).toList();
        if (!outside.isEmpty()) {
            return GateResult.closed(NAME, "Not trusted: " + outside.get(0) + " is outside "
                    + String.join(", ", a.paths()) + (outside.size() > 1 ? " (+" + (outside.size() - 1) + ")" : ""));
        }
        return GateResult.open(NAME, "trusted autobump PR");
    }
}
