package io.prow.autodeploy.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One hidden record of ours, as {@link LedgerCodec} writes it: {@code <!-- autodeploy:KIND[=ID] key=value flag -->}.
 * Values never hold whitespace, {@code <} or {@code >}; people's text goes in base64url ({@link LedgerCodec#text}).
 */
public record Marker(String kind, String id, Map<String, String> fields, Set<String> flags) {
    public Marker {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        flags = java.util.Collections.unmodifiableSet(new TreeSet<>(flags));
    }

    public static Marker of(String kind) {
        return new Marker(kind, null, Map.of(), Set.of());
    }

    public Marker withId(String newId) {
        return new Marker(kind, newId, fields, flags);
    }

    /** Adds {@code key=value}; a null value leaves the field out. */
    public Marker with(String key, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put(key, String.valueOf(value));
        return new Marker(kind, id, f, flags);
    }

    public Marker withFlag(String flag) {
        Set<String> f = new TreeSet<>(flags);
        f.add(flag);
        return new Marker(kind, id, fields, f);
    }

    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public String render() {
        return LedgerCodec.render(this);
    }
}
