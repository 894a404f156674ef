package io.prow.autodeploy.events;

/** Where the HTTP edge hands verified deliveries. Returns false when it cannot take more now (answered 503). */
public interface EventSink {
    boolean offer(Delivery delivery);
}
