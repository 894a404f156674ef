package io.prow.autodeploy.bench;

import io.prow.autodeploy.bench.GitHubProxy.Purpose;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * GitHub sends a {@code pull_request} labeled/unlabeled webhook for every label change, the plugin's own included:
 * the replay sends those for the day's bump back as GitHub would, untimed, until the labels stop changing. Only the
 * plugin changes the bump's labels in the model, so every change seen is its own.
 */
final class WeekLabelEcho {
    private final WeekWorld world;
    // The bump's labels as last sent back, per bump number (one a day).
    private final Map<Integer, Set<String>> echoed = new HashMap<>();

    WeekLabelEcho(WeekWorld world) {
        this.world = world;
    }

    /** Sends the webhooks for {@code bump}'s label changes since the last call; returns how many were sent. */
    int sendBack(WeekPlugin plugin, GitHubProxy proxy, int bump, Supplier<String> guid) throws Exception {
        int sent = 0;
        for (int round = 0; bump >= 0 && round < 5; round++) {
            Set<String> now = world.labelsOf(bump);
            Set<String> was = echoed.getOrDefault(bump, Set.of());
            List<WeekWorld.Event> events = new ArrayList<>();
            now.stream().filter(l -> !was.contains(l)).sorted().forEach(l -> events.add(world.labelEcho(bump, l, true)));
            was.stream().filter(l -> !now.contains(l)).sorted().forEach(l -> events.add(world.labelEcho(bump, l, false)));
            echoed.put(bump, Set.copyOf(now));
            if (events.isEmpty()) {
                break;
            }
            proxy.phase(Purpose.DECISION);
            for (WeekWorld.Event e : events) {
                WeekSends.check(plugin.deliver(e.type(), e.json(), guid.get()), "POST /hook labeled echo");
                sent++;
            }
            plugin.settle();
        }
        return sent;
    }
}
