package io.prow.autodeploy.ledger;

/**
 * The one escaping rule for text people wrote (a hold reason, a commit message, a CI context name) wherever the bot
 * shows it again in a GitHub comment or status. After it:
 * <ul>
 *   <li>no HTML survives ({@code &}, {@code <}, {@code >} become entities), so no {@code <!--} can open a forged
 *       record of ours and no tag renders;</li>
 *   <li>no @-mention notifies: a zero-width joiner (U+200D) follows every {@code @}. GitHub finds mentions in the
 *       rendered text ({@code @} directly followed by a login, {@code [a-z0-9][a-z0-9-]*}: html-pipeline's
 *       {@code MentionFilter}, lib/html/pipeline/@mention_filter.rb), so an HTML entity such as {@code &#64;} would
 *       still be decoded into a mention, while {@code @}+U+200D+login is no mention at all and reads the same;</li>
 *   <li>no backtick can close one of our code spans.</li>
 * </ul>
 */
public final class PeoplesText {
    private PeoplesText() {}

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u200D")
                .replace("`", "'");
    }

    /**
     * Our own markdown (which may quote people) made unable to carry a record: only the bot's own markers, written
     * beside the text, are records. GitHub renders {@code &lt;!--} as the text {@code <!--}.
     */
    public static String defuseMarkers(String markdown) {
        return markdown == null ? "" : markdown.replace("<!--", "&lt;!--");
    }
}
