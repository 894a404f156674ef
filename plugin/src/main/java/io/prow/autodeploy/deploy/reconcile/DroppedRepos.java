package io.prow.autodeploy.deploy.reconcile;

import io.prow.autodeploy.config.PluginConfig;
import io.prow.autodeploy.config.RepoConfig;
import io.prow.autodeploy.github.Check;
import io.prow.autodeploy.github.Checks;
import io.prow.autodeploy.github.GitHubException;
import io.prow.autodeploy.github.Labels;
import io.prow.autodeploy.github.PullRequest;
import io.prow.autodeploy.github.PullRequests;
import io.prow.autodeploy.github.RepoRef;
import io.prow.autodeploy.github.StatusState;
import io.prow.autodeploy.github.Statuses;
import io.prow.autodeploy.rollback.AutobumpPulls;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A repo that leaves the config (an edit that drops it, or a typo in its name) would otherwise keep whatever we last
 * wrote: {@code autodeploy/ready} and a {@code success} status on its open bump, so Tide would merge it with no gate
 * watching, and {@code /hold} there would be ignored. So its open autobump PRs lose the merge labels and get a
 * failing status saying the plugin no longer manages the repo. Chosen over refusing the edit: a reload cannot tell a
 * typo from a repo removed on purpose, and refusing would make removing a repo impossible; releasing is safe both
 * ways (nothing deploys unwatched; the hold label, Prow's, is left as it is). Rollback PRs are left alone: oncall
 * asked for them. A release that fails on GitHub is retried at every sweep until done, or until the repo is back.
 *
 * <p>Only edits a running replica sees are noticed: a config changed while no replica ran has no "before".
 */
public final class DroppedRepos {
    private static final Logger LOG = LoggerFactory.getLogger(DroppedRepos.class);
    public static final String STATUS_PREFIX = "Not managed: ";

    private final PullRequests prs;
    private final Checks checks;
    private final Labels labels;
    private final Statuses statuses;
    private final Map<RepoRef, RepoConfig> pending = new ConcurrentHashMap<>();

    public DroppedRepos(PullRequests prs, Checks checks, Labels labels, Statuses statuses) {
        this.prs = prs;
        this.checks = checks;
        this.labels = labels;
        this.statuses = statuses;
    }

    /** After a reload that took effect: remembers the repos {@code before} had and {@code after} has not. */
    public void reloaded(PluginConfig before, PluginConfig after) {
        Set<RepoRef> kept = after.repos().stream().map(RepoConfig::repo).collect(Collectors.toSet());
        pending.keySet().removeAll(kept); // back in the config: managed again, nothing to release
        before.repos().stream().filter(rc -> !kept.contains(rc.repo())).forEach(rc -> {
            LOG.warn("{} left the plugin config: its open autobump PRs lose {} and get a failing {} status",
                    rc.repo(), rc.merge().labels(), rc.merge().statusContext());
            pending.put(rc.repo(), rc);
        });
    }

    /** Queues the release of every pending repo ({@code submit(key, task)}, e.g. the keyed executor). */
    public void releaseAll(BiConsumer<String, Runnable> submit) {
        pending.values().forEach(rc -> submit.accept(rc.repo().toString(), () -> release(rc)));
    }

    /** Releases one dropped repo with its last known config; true when done (or no longer pending). */
    boolean release(RepoConfig rc) {
        if (pending.get(rc.repo()) != rc) {
            return true;
        }
        try {
            for (PullRequest pr : AutobumpPulls.open(prs, rc)) {
                releasePr(rc, pr);
            }
            pending.remove(rc.repo(), rc);
            return true;
        } catch (GitHubException e) {
            LOG.warn("releasing {} (dropped from the config) failed (GitHub {}: {}); retried at the next sweep",
                    rc.repo(), e.status(), e.getMessage());
            return false;
        }
    }

    private void releasePr(RepoConfig rc, PullRequest pr) {
        for (String label : rc.merge().labels()) {
            if (pr.hasLabel(label)) {
                labels.removeLabel(rc.repo(), pr.number(), label);
            }
        }
        String context = rc.merge().statusContext();
        String text = STATUS_PREFIX + rc.repo() + " is no longer in the autodeploy plugin's config";
        boolean already = checks.checks(rc.repo(), pr.headSha()).stream().anyMatch(c -> c.context().equals(context)
                && c.state() == Check.State.FAILURE && text.equals(c.description()));
        if (!already) {
            statuses.setStatus(rc.repo(), pr.headSha(), StatusState.FAILURE, context, text, pr.htmlUrl());
        }
        LOG.info("released {}#{}: merge labels off, status \"{}\"", rc.repo(), pr.number(), text);
    }
}
