package io.prow.autodeploy.commands;

import io.prow.autodeploy.github.Comment;
import io.prow.autodeploy.github.Comments;
import io.prow.autodeploy.ledger.Duplicates;
import io.prow.autodeploy.ledger.PeoplesText;
import io.prow.autodeploy.ledger.PrLedger;
import io.prow.autodeploy.ledger.ReplyRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Replies carrying the ledger's reply record naming the comment that asked ({@code <!-- autodeploy:reply-to=123 -->},
 * {@link ReplyRecord}). A redelivered event finds its reply and edits it (or leaves it, if the text is the same)
 * instead of posting again. A reply saying the command could not be completed is marked {@code failed}: only then
 * does a redelivery of the comment run the command again ({@link #answered}), so an old {@code /hold} delivered late
 * cannot undo a later {@code /hold cancel}. A command recovered late ({@link CommandRecovery}) says so in its reply.
 */
public final class MarkedReplies implements Replies {
    private final Comments comments;

    public MarkedReplies(Comments comments) {
        this.comments = comments;
    }

    static String marker(long commentId) {
        return marker(commentId, 0);
    }

    /** The first command of a comment keeps the plain marker; a second one in the same comment adds its part. */
    static String marker(long commentId, int part) {
        return new ReplyRecord(commentId, part, false, null).marker().render();
    }

    static String failedMarker(long commentId, int part) {
        return new ReplyRecord(commentId, part, true, null).marker().render();
    }

    @Override
    public void reply(CommandInvocation inv, String markdown) {
        write(inv, markdown, marker(inv.comment().id(), inv.part()));
    }

    @Override
    public void reply(CommandInvocation inv, String markdown, String ourMarker) {
        write(inv, markdown, ourMarker + "\n" + marker(inv.comment().id(), inv.part()));
    }

    /** The reply when the command could not be completed; the comment stays open to a redelivery. */
    public void replyFailed(CommandInvocation inv, String markdown) {
        write(inv, markdown, failedMarker(inv.comment().id(), inv.part()));
    }

    /** A refusal; its record names who was refused, so later refusals to them within the hour stay unanswered. */
    public void replyRefused(CommandInvocation inv, String markdown) {
        write(inv, markdown, new ReplyRecord(inv.comment().id(), inv.part(), false, inv.author()).marker().render());
    }

    /**
     * A refusal not answered because {@code inv.author()} got one on this issue after {@code since}: the record of
     * this comment is added to that reply (an edit notifies nobody), so the command counts as answered and is never
     * run again by recovery. Returns false when there is no such recent refusal (then reply normally).
     */
    public boolean addToRecentRefusal(CommandInvocation inv, Instant since) {
        List<PrLedger.Entry> recent = ledger(inv).refusalsTo(inv.author(), since);
        if (recent.isEmpty()) {
            return false;
        }
        Comment c = recent.get(0).comment();
        String record = new ReplyRecord(inv.comment().id(), inv.part(), false, inv.author()).marker().render();
        if (!c.body().contains(record)) {
            comments.editComment(inv.config().repo(), c.id(), c.body() + "\n" + record);
        }
        return true;
    }

    /** True when the comment already got its final answer (done or refused), so running it again would repeat it. */
    public boolean answered(CommandInvocation inv) {
        return existing(inv).filter(e -> ReplyRecord.from(e.marker()).filter(r -> !r.failed()).isPresent())
                .isPresent();
    }

    private void write(CommandInvocation inv, String markdown, String marker) {
        // Replies quote what people wrote (a hold reason): only our markers beside the text are records.
        String body = "@" + inv.author() + ": " + late(inv) + PeoplesText.defuseMarkers(markdown) + "\n\n" + marker;
        Optional<PrLedger.Entry> existing = existing(inv);
        if (existing.isEmpty()) {
            Comment posted = comments.createComment(inv.config().repo(), inv.number(), body);
            // Another replica may have answered the same delivery meanwhile: the older reply stays, with our text
            // if ours is final and it is not (a failure reply must not outlive a success).
            boolean finalReply = !marker.contains(" failed -->");
            Duplicates.yieldToOlder(comments, inv.config().repo(), inv.number(), posted, c -> isReplyTo(c, inv))
                    .filter(older -> finalReply && !older.body().equals(body))
                    .ifPresent(older -> comments.editComment(inv.config().repo(), older.id(), body));
        } else if (!existing.get().comment().body().equals(body)) {
            comments.editComment(inv.config().repo(), existing.get().comment().id(), body);
        }
    }

    /** A recovered command's reply starts by saying it was picked up late, and when it was posted. */
    private static String late(CommandInvocation inv) {
        if (!CommandRecovery.isRecovered(inv.deliveryId()) || inv.comment().createdAt() == null) {
            return "";
        }
        return "(picked up late: this command was posted at " + CommandRecovery.when(inv.comment().createdAt())
                + ", while the plugin could not take it) ";
    }

    private PrLedger ledger(CommandInvocation inv) {
        return PrLedger.read(comments.comments(inv.config().repo(), inv.number()), comments.botLogin());
    }

    private Optional<PrLedger.Entry> existing(CommandInvocation inv) {
        return ledger(inv).replyTo(inv.comment().id(), inv.part());
    }

    private boolean isReplyTo(Comment c, CommandInvocation inv) {
        return PrLedger.read(List.of(c), comments.botLogin()).replyTo(inv.comment().id(), inv.part()).isPresent();
    }
}
