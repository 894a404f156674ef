package io.prow.autodeploy.alerts;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.ledger.LedgerCodec;
import io.prow.autodeploy.ledger.Marker;
import io.prow.autodeploy.ledger.PrLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The hidden marker that makes an auto-hold happen once per incident: one of our comments on the merged autobump PR
 * carries {@code <!-- autodeploy:auto-rollback group=<hash> tag=<tag> state=working|done -->}. GitHub is the only
 * store, so a restart, a second replica or a flood of notifications all read the same answer. The group is
 * Alertmanager's groupKey hashed: the key is free text (label values) that must not end up inside an HTML comment.
 */
public record IncidentMarker(String group, String tag, State state) {
    public enum State { WORKING, DONE }

    static final String KIND = "auto-rollback";

    /** An incident: one Alertmanager group firing after one deployed tag. */
    public record Incident(String group, String tag) {
        public static Incident of(String groupKey, String tag) {
            return new Incident(hash(groupKey), tag);
        }

        public IncidentMarker marker(State state) {
            return new IncidentMarker(group, tag, state);
        }
    }

    /** A comment of ours carrying a marker for an incident. */
    public record Claim(Comment comment, IncidentMarker marker) {
        public boolean done() {
            return marker.state() == State.DONE;
        }
    }

    public Incident incident() {
        return new Incident(group, tag);
    }

    public String render() {
        return Marker.of(KIND).with("group", group).with("tag", tag)
                .with("state", state.name().toLowerCase(java.util.Locale.ROOT)).render();
    }

    /** The incident record in {@code m}, if it is one we can read. */
    static Optional<IncidentMarker> from(Marker m) {
        String group = m.fields().get("group");
        String state = m.fields().get("state");
        if (!KIND.equals(m.kind()) || group == null || !group.matches("[0-9a-f]{16}") || m.fields().get("tag") == null
                || state == null || !state.matches("working|done")) {
            return Optional.empty();
        }
        return Optional.of(new IncidentMarker(group, m.fields().get("tag"),
                "done".equals(state) ? State.DONE : State.WORKING));
    }

    public static Optional<IncidentMarker> parse(String body) {
        return LedgerCodec.parseAll(body).stream().map(IncidentMarker::from).flatMap(Optional::stream).findFirst();
    }

    /**
     * The claims for {@code incident} among {@code comments}, oldest first. Only the bot's own comments count: anyone
     * can paste a marker into a comment, and that must not be able to switch the safety net off.
     */
    public static List<Claim> claims(List<Comment> comments, String botLogin, Incident incident) {
        return PrLedger.read(comments, botLogin).all(KIND).stream()
                .flatMap(e -> from(e.marker()).filter(m -> m.incident().equals(incident))
                        .map(m -> new Claim(e.comment(), m)).stream())
                .sorted(Comparator.comparingLong(cl -> cl.comment().id()))
                .toList();
    }

    /** First 16 hex digits of SHA-256: short, fixed charset, and collisions between groups are out of reach. */
    static String hash(String groupKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
