package io.prow.autodeploy.ledger;

import java.util.Optional;

/**
 * That a command got its reply: {@code <!-- autodeploy:reply-to=COMMENT [part=N] [failed] [refused=LOGIN] -->} in the
 * bot's reply. It is what makes a command run once: a redelivery, a restart's recovery or a second replica finds it
 * and does not run the command again. {@code failed} replies (GitHub kept failing) leave the command open to a
 * redelivery. {@code refused} names who was refused, so refusals to one person can be answered once an hour.
 */
public record ReplyRecord(long commentId, int part, boolean failed, String refused) {
    public static final String KIND = "reply-to";

    public Marker marker() {
        Marker m = Marker.of(KIND).withId(Long.toString(commentId));
        if (part != 0) {
            m = m.with("part", part);
        }
        if (refused != null) {
            m = m.with("refused", LedgerCodec.login(refused));
        }
        return failed ? m.withFlag("failed") : m;
    }

    public static Optional<ReplyRecord> from(Marker m) {
        if (!KIND.equals(m.kind()) || m.id() == null || !m.id().matches("\\d{1,19}")) {
            return Optional.empty();
        }
        int part = m.field("part").filter(p -> p.matches("\\d{1,3}")).map(Integer::parseInt).orElse(0);
        return Optional.of(new ReplyRecord(Long.parseLong(m.id()), part, m.has("failed"),
                m.field("refused").orElse(null)));
    }

    public boolean answers(long comment, int commandPart) {
        return commentId == comment && part == commandPart;
    }
}
