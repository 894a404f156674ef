package io.prow.autodeploy.deploy.gates;

import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.PullRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The PR is the autobumper's: right author, head branch, head repository (the bot's fork), base branch, only
 * allowed paths, and one consistent new tag of the deployed image in its diff that the title names too.
 */
public final class TrustedGate implements Gate {
    public static final String NAME = "trusted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the PR is a trusted autobump PR (author, head branch and repository, base branch, allowed paths, "
                + "one new tag in the diff, named by the title)";
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
        if (!a.allowsHeadRepo(pr.headRepo(), c.repo())) {
            // Anyone can push a branch named autobump to their own fork: the branch alone proves nothing.
            String expected = String.join(" or ", a.expectedHeadRepos(c.repo()));
            return GateResult.closed(NAME, pr.headRepo() == null
                    ? "Not trusted: head repo is gone (deleted fork), expected " + expected
                    : "Not trusted: head repo " + pr.headRepo() + " is not " + expected);
        }
        if (!c.baseBranch().equals(pr.baseRef())) {
            return GateResult.closed(NAME, "Not trusted: base branch " + pr.baseRef() + " is not "
                    + c.baseBranch());
        }
        if (s.changedFiles().isEmpty()) {
            return GateResult.closed(NAME, "Not trusted: the PR changes no files");
        }
        List<String> outside = s.changedFiles().stream().filter(f -> !a.allowsPath(f)).toList();
        if (!outside.isEmpty()) {
            // A status description holds 140 characters: name the globs only while they fit.
            String globs = String.join(", ", a.paths());
            return GateResult.closed(NAME, "Not trusted: " + outside.get(0) + " is outside "
                    + (globs.length() <= 60 ? globs : "autobump.paths")
                    + (outside.size() > 1 ? " (+" + (outside.size() - 1) + ")" : ""));
        }
        if (s.bump().tag().isEmpty()) {
            return GateResult.closed(NAME, "Not trusted: " + s.bump().problem());
        }
        String tag = s.bump().tag().get();
        String name = a.deployed().name();
        Optional<String> titled = a.tagFromTitle(pr.title());
        if (titled.isEmpty()) {
            return GateResult.closed(NAME, "Not trusted: title names no " + name + " tag (the diff deploys "
                    + tag + ")");
        }
        if (!titled.get().equals(tag)) {
            return GateResult.closed(NAME, "Not trusted: title says " + name + " " + titled.get()
                    + " but the diff deploys " + tag);
        }
        return GateResult.open(NAME, "trusted autobump PR");
    }
}
