package io.prow.autodeploy.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * A hold as the bot recorded it ({@code <!-- autodeploy:hold by= since= reason= [carried-from=] [state=]
 * [released-by= released-at=] [restored] -->}). {@code since} is when the holding command was posted, so holds and
 * releases are ordered by comment time whatever order they were handled in. {@code state} is absent in records
 * written before the ledger ({@link State#LEGACY}): those hold only while the hold label is on the PR, as they did.
 * A release edits the record to {@code state=released}; {@code restored} says the plugin already told people, once,
 * that it put a removed label back.
 */
public record HoldRecord(String by, String reason, Instant since, Integer carriedFrom, State state, String releasedBy,
                         Instant releasedAt, boolean restored) {
    public static final String KIND = "hold";

    public enum State { LEGACY, HELD, RELEASED }

    public static HoldRecord held(String by, String reason, Instant since, Integer carriedFrom) {
        return new HoldRecord(by, reason, since, carriedFrom, State.HELD, null, null, false);
    }

    public HoldInfo info() {
        return new HoldInfo(by, reason, since);
    }

    public HoldRecord released(String who, Instant at) {
        return new HoldRecord(by, reason, since, carriedFrom, State.RELEASED, who, at, restored);
    }

    public HoldRecord restoredOnce() {
        return new HoldRecord(by, reason, since, carriedFrom, state, releasedBy, releasedAt, true);
    }

    public boolean sameHold(String otherBy, String otherReason) {
        return norm(by).equals(norm(otherBy)) && norm(reason).equals(norm(otherReason));
    }

    public Marker marker() {
        Marker m = Marker.of(KIND).with("by", LedgerCodec.login(by)).with("since", since)
                .with("reason", LedgerCodec.text(reason)).with("carried-from", carriedFrom);
        if (state != State.LEGACY) {
            m = m.with("state", state == State.HELD ? "held" : "released");
        }
        if (state == State.RELEASED) {
            m = m.with("released-by", LedgerCodec.login(releasedBy)).with("released-at", releasedAt);
        }
        return restored ? m.withFlag("restored") : m;
    }

    /** Empty when {@code m} is no hold record, or one we cannot read (the caller logs it once). */
    public static Optional<HoldRecord> from(Marker m) {
        if (!KIND.equals(m.kind())) {
            return Optional.empty();
        }
        Optional<Instant> since = LedgerCodec.instant(m.fields().get("since"));
        Optional<String> reason = LedgerCodec.untext(m.field("reason").orElse(""));
        String state = m.field("state").orElse("");
        if (since.isEmpty() || reason.isEmpty() || !state.matches("|held|released")) {
            return Optional.empty();
        }
        Integer carried = m.field("carried-from").filter(v -> v.matches("\\d{1,9}")).map(Integer::valueOf)
                .orElse(null);
        State s = state.isEmpty() ? State.LEGACY : state.equals("held") ? State.HELD : State.RELEASED;
        Instant releasedAt = LedgerCodec.instant(m.fields().get("released-at")).orElse(null);
        if (s == State.RELEASED && releasedAt == null) {
            return Optional.empty();
        }
        String by = m.field("by").filter(v -> !v.isEmpty()).orElse(null);
        return Optional.of(new HoldRecord(by, reason.get(), since.get(), carried, s,
                m.field("released-by").orElse(null), releasedAt, m.has("restored")));
    }

    private static String norm(String s) {
        return s == null ? "" : s;
    }
}
