package io.prow.autodeploy.bench;

import com.github.benmanes.caffeine.cache.Cache;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The size of every map, cache and collection the plugin keeps, found by walking its object graph from
 * {@code PluginApp} through the plugin's own classes (so a cache added tomorrow, in any package, is measured
 * without changing this class). Read by reflection so the bench needs no getter in main code; named by field
 * path, e.g. {@code reconciler.reader.filesBySha}. OkHttp's HTTP cache (the ETag cache) is reported as its
 * number of entries. JDK and library internals are not entered: only their size is read.
 */
final class PluginMaps {
    private static final String OURS = "io.prow.autodeploy.";
    private static final String CONFIG = "io.prow.autodeploy.config.";
    private static final int MAX_DEPTH = 8;

    private PluginMaps() {}

    /** Field path → size (entries). */
    static Map<String, Long> sizes(Object app) {
        Map<String, Long> out = new TreeMap<>();
        walk(app, "", 0, new IdentityHashMap<>(), out);
        return out;
    }

    private static void walk(Object o, String path, int depth, IdentityHashMap<Object, Boolean> seen,
                             Map<String, Long> out) {
        if (o == null || depth > MAX_DEPTH || seen.put(o, true) != null || o.getClass().getName().startsWith(CONFIG)) {
            return; // the config's lists are sized by the operator, not by traffic
        }
        for (Class<?> c = o.getClass(); c != null && c.getName().startsWith(OURS); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                Object v;
                try {
                    f.setAccessible(true);
                    v = f.get(o);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                visit(v, (path.isEmpty() ? "" : path + ".") + f.getName(), depth, seen, out);
            }
        }
    }

    private static void visit(Object v, String path, int depth, IdentityHashMap<Object, Boolean> seen,
                              Map<String, Long> out) {
        if (v == null) {
            return;
        }
        if (v instanceof Optional<?> opt) {
            opt.ifPresent(x -> visit(x, path, depth, seen, out));
        } else if (v instanceof AtomicReference<?> ref) {
            visit(ref.get(), path, depth, seen, out);
        } else if (v instanceof Cache<?, ?> cache) {
            cache.cleanUp();
            out.put(path, cache.estimatedSize());
        } else if (v instanceof okhttp3.OkHttpClient http) {
            if (http.cache() != null && seen.put(http.cache(), true) == null) {
                out.put(path + ".cache(ETag entries)", etagEntries(http.cache()));
            }
        } else if (v instanceof Map<?, ?> m) {
            out.put(path, (long) m.size());
            if (m.size() <= 64) {
                m.values().forEach(x -> enterIfOurs(x, path + "[]", depth, seen, out));
            }
        } else if (v instanceof Collection<?> c) {
            if (!(v instanceof java.util.List<?>) || c.size() > 64) {
                out.put(path, (long) c.size());
            }
            if (c.size() <= 64) {
                c.forEach(x -> enterIfOurs(x, path + "[]", depth, seen, out));
            }
        } else {
            enterIfOurs(v, path, depth, seen, out);
        }
    }

    private static void enterIfOurs(Object v, String path, int depth, IdentityHashMap<Object, Boolean> seen,
                                    Map<String, Long> out) {
        if (v != null && v.getClass().getName().startsWith(OURS)) {
            walk(v, path, depth + 1, seen, out);
        }
    }

    private static long etagEntries(okhttp3.Cache cache) {
        long n = 0;
        try {
            for (Iterator<String> it = cache.urls(); it.hasNext(); it.next()) {
                n++;
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return n;
    }

    /**
     * The naive plugin's relevance filter: the autobump index's freshness set to zero, so every status or check
     * event on a SHA that is no autobump head asks GitHub for the open autobump PRs instead of being dropped.
     * The one reflective write of the bench (the lead may replace it with a constructor seam after merging).
     */
    static void disableRelevanceFilter(Object app) {
        Object index = find(app, "io.prow.autodeploy.events.AutobumpIndex", new IdentityHashMap<>(), 0);
        if (index == null) {
            throw new IllegalStateException("no AutobumpIndex reachable from PluginApp: re-point the naive switch");
        }
        try {
            Field f = index.getClass().getDeclaredField("freshFor");
            f.setAccessible(true);
            f.set(index, java.time.Duration.ZERO);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AutobumpIndex.freshFor moved: re-point the naive switch", e);
        }
    }

    private static Object find(Object o, String className, IdentityHashMap<Object, Boolean> seen, int depth) {
        if (o == null || depth > MAX_DEPTH || !o.getClass().getName().startsWith(OURS)
                || seen.put(o, true) != null) {
            return null;
        }
        if (o.getClass().getName().equals(className)) {
            return o;
        }
        for (Class<?> c = o.getClass(); c != null && c.getName().startsWith(OURS); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    Object v = f.get(o);
                    Object hit = v instanceof Collection<?> col
                            ? col.stream().map(x -> find(x, className, seen, depth + 1)).filter(x -> x != null)
                                    .findFirst().orElse(null)
                            : find(v, className, seen, depth + 1);
                    if (hit != null) {
                        return hit;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // a field we cannot read holds nothing we look for
                }
            }
        }
        return null;
    }
}
