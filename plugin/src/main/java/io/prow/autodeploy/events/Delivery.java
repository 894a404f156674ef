package io.prow.autodeploy.events;

import io.prow.autodeploy.github.WebhookEvent;

/** One verified webhook delivery: its GUID (X-GitHub-Delivery, in every log line about it) and the typed event. */
public record Delivery(String guid, String eventType, WebhookEvent event) {}
