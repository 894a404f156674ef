package io.prow.autodeploy.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A stand-in for kube-state-metrics on loopback: {@code GET /metrics} serves one {@code kube_pod_container_info}
 * series per (pod, container) with the labels kube-state-metrics gives it (namespace, pod, uid, container,
 * image_spec, image, image_id, container_id: kube-state-metrics docs/metrics/workload/pod-metrics.md), plus
 * {@code sandbox_exporter_generation}, bumped by every {@link #set}, so a test knows when Prometheus scraped a change.
 */
public final class PodExporter implements AutoCloseable {
    /** One container of one pod running {@code image}. */
    public record Pod(String pod, String container, String image) {}

    private final HttpServer server;
    private volatile String page;
    private volatile long generation;

    public PodExporter(String namespace, List<Pod> pods) throws IOException {
        this.namespace = namespace;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pod-exporter");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/metrics", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        set(pods);
        server.start();
    }

    private final String namespace;

    /** What the cluster runs from now on; returns the generation Prometheus must reach to have seen it. */
    public synchronized long set(List<Pod> pods) {
        generation++;
        StringBuilder b = new StringBuilder("# TYPE kube_pod_container_info gauge\n");
        for (Pod p : pods) {
            String digest = "sha256:" + Integer.toHexString(p.image().hashCode());
            b.append("kube_pod_container_info{namespace=\"").append(namespace).append("\",pod=\"").append(p.pod())
                    .append("\",uid=\"uid-").append(p.pod()).append("\",container=\"").append(p.container())
                    .append("\",image_spec=\"").append(p.image()).append("\",image=\"").append(p.image())
                    .append("\",image_id=\"").append(p.image().replaceAll(":[^:/]*$", "")).append('@')
                    .append(digest).append("\",container_id=\"containerd://").append(p.pod()).append('-')
                    .append(p.container()).append("\"} 1\n");
        }
        b.append("# TYPE sandbox_exporter_generation gauge\nsandbox_exporter_generation ").append(generation)
                .append('\n');
        page = b.toString();
        return generation;
    }

    public String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
