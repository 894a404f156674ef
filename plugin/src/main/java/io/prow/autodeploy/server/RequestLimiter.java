package io.prow.autodeploy.server;

import java.util.concurrent.Semaphore;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Bounds how many requests the main port serves at once, in two shares: webhooks ({@code POST /hook} and
 * {@code POST /}, what hook sends) and everything else (status page, {@code /help}, {@code /alertmanager}). A request
 * beyond its share gets 503 at once instead of a thread, so a flood or slow uploads on one kind of route never take
 * the threads the other kind needs. A slot is held until the response is complete (Jetty's callback), whatever
 * happened inside Javalin.
 */
final class RequestLimiter extends Handler.Wrapper {
    private final Semaphore webhooks;
    private final Semaphore others;

    RequestLimiter(int webhookRequests, int otherRequests) {
        this.webhooks = new Semaphore(webhookRequests);
        this.others = new Semaphore(otherRequests);
    }

    static boolean isWebhook(String method, String path) {
        return "POST".equals(method) && ("/hook".equals(path) || "/".equals(path));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Semaphore share = isWebhook(request.getMethod(), Request.getPathInContext(request)) ? webhooks : others;
        if (!share.tryAcquire()) {
            Response.writeError(request, response, callback, 503, "busy: too many requests at once");
            return true;
        }
        boolean handled;
        try {
            handled = super.handle(request, response, Callback.from(callback, (Runnable) share::release));
        } catch (Throwable t) {
            share.release();
            throw t;
        }
        if (!handled) {
            share.release();
        }
        return handled;
    }

    int freeWebhookSlots() {
        return webhooks.availablePermits();
    }

    int freeOtherSlots() {
        return others.availablePermits();
    }
}
