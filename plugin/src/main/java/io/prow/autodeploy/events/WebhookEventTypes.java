package io.prow.autodeploy.events;

import java.util.Set;

/**
 * GitHub's webhook event names, the only values a metric label may take from the {@code X-GitHub-Event} header.
 * The header arrives before the signature is checked: a label copied from it would let anyone create series (and
 * heap) without bound. Source: GitHub's "Webhook events and payloads"
 * (https://docs.github.com/en/webhooks/webhook-events-and-payloads).
 */
public final class WebhookEventTypes {
    /** The label for any name outside the fixed set (unknown, misspelt, hostile). */
    public static final String OTHER = "other";

    static final Set<String> GITHUB = Set.of(
            "branch_protection_configuration", "branch_protection_rule", "check_run", "check_suite",
            "code_scanning_alert", "commit_comment", "create", "custom_property", "custom_property_values", "delete",
            "dependabot_alert", "deploy_key", "deployment", "deployment_protection_rule", "deployment_review",
            "deployment_status", "discussion", "discussion_comment", "fork", "github_app_authorization", "gollum",
            "installation", "installation_repositories", "installation_target", "issue_comment", "issue_dependencies",
            "issues", "label", "marketplace_purchase", "member", "membership", "merge_group", "meta", "milestone",
            "org_block", "organization", "package", "page_build", "personal_access_token_request", "ping",
            "project", "project_card", "project_column", "projects_v2", "projects_v2_item",
            "projects_v2_status_update", "public", "pull_request", "pull_request_review",
            "pull_request_review_comment", "pull_request_review_thread", "push", "registry_package", "release",
            "repository", "repository_advisory", "repository_dispatch", "repository_import", "repository_ruleset",
            "repository_vulnerability_alert", "secret_scanning_alert", "secret_scanning_alert_location",
            "secret_scanning_scan", "security_advisory", "security_and_analysis", "sponsorship", "star", "status",
            "sub_issues", "team", "team_add", "watch", "workflow_dispatch", "workflow_job", "workflow_run");

    private WebhookEventTypes() {}

    /** {@code name} if it is one of GitHub's event names, else {@link #OTHER}: never more than ~80 values. */
    public static String label(String name) {
        return name != null && GITHUB.contains(name) ? name : OTHER;
    }

    /** How many values {@link #label} can return. */
    public static int labelCount() {
        return GITHUB.size() + 1;
    }
}
