package io.prow.autodeploy.bench;

import io.prow.autodeploy.bench.GitHubProxy.Purpose;
import java.util.List;

/** How the week replay hands webhooks to the plugin: other PRs' in batches, and every answer checked. */
final class WeekSends {
    private WeekSends() {}

    /** One webhook of a batch and its delivery id. */
    record Sent(WeekWorld.Event event, String guid) {}

    /** Other PRs' webhooks of the minute, sent concurrently (hook forwards them so), then the plugin settles. */
    static int flush(WeekPlugin plugin, GitHubProxy proxy, List<Sent> batch) throws Exception {
        if (batch.isEmpty()) {
            return 0;
        }
        proxy.phase(Purpose.DECISION);
        int n = batch.size();
        List<int[]> statuses = plugin.deliverAll(batch.stream().map(s -> new String[] {s.event().type(),
                s.event().json(), s.guid()}).toList());
        for (int i = 0; i < n; i++) {
            check(statuses.get(i)[0], "POST /hook " + batch.get(i).event().type());
        }
        batch.clear();
        plugin.settle();
        return n;
    }

    /** Hook's delivery must be accepted: anything but 200 stops the replay with what answered it. */
    static void check(int status, String what) {
        if (status != 200) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }
}
