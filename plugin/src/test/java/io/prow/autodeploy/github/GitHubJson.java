package io.prow.autodeploy.github;

/** Response bodies in the shapes GitHub's REST API returns (fields we do not read trimmed, not invented). */
final class GitHubJson {
    static final String API = "https://api.github.com";

    private GitHubJson() {}

    static String user(String login) {
        return """
                {"login":"%s","id":1001,"node_id":"MDQ6VXNlcjEwMDE=","avatar_url":"https://avatars.githubusercontent.com/u/1001?v=4",
                 "url":"%s/users/%s","html_url":"https://github.com/%s","type":"User","site_admin":false}"""
                .formatted(login, API, login, login);
    }

    static String repo(String owner, String name) {
        return """
                {"id":2002,"node_id":"R_kgDOA","name":"%s","full_name":"%s/%s","private":false,"owner":%s,
                 "html_url":"https://github.com/%s/%s","url":"%s/repos/%s/%s","default_branch":"main","fork":false}"""
                .formatted(name, owner, name, user(owner), owner, name, API, owner, name);
    }

    /** A pull request from {@code headOwner}'s fork; {@code mergedAt}/{@code closedAt} may be null. */
    static String pull(int number, String state, String headOwner, String headRef, String headSha, String closedAt,
                       String mergedAt, String... labels) {
        StringBuilder labelJson = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            labelJson.append(i == 0 ? "" : ",").append("""
                    {"id":%d,"node_id":"LA_%d","url":"%s/repos/o/r/labels/%s","name":"%s","color":"ededed","default":false,"description":null}"""
                    .formatted(300 + i, i, API, labels[i], labels[i]));
        }
        return """
                {"url":"%1$s/repos/o/r/pulls/%2$d","id":%2$d%2$d,"node_id":"PR_kwDO","html_url":"https://github.com/o/r/pull/%2$d",
                 "diff_url":"https://github.com/o/r/pull/%2$d.diff","issue_url":"%1$s/repos/o/r/issues/%2$d",
                 "number":%2$d,"state":"%3$s","locked":false,"title":"Bump prow to v2025%2$d","user":%4$s,
                 "body":"Automated bump.","labels":[%5$s],"milestone":null,"active_lock_reason":null,
                 "created_at":"2025-03-01T10:00:00Z","updated_at":"2025-03-01T11:00:00Z","closed_at":%6$s,"merged_at":%7$s,
                 "merge_commit_sha":null,"assignee":null,"assignees":[],"requested_reviewers":[],"draft":false,
                 "head":{"label":"%8$s:%9$s","ref":"%9$s","sha":"%10$s","user":%4$s,"repo":%11$s},
                 "base":{"label":"o:main","ref":"main","sha":"b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0","user":%12$s,"repo":%13$s},
                 "author_association":"CONTRIBUTOR","auto_merge":null}"""
                .formatted(API, number, state, user(headOwner), labelJson, quoted(closedAt), quoted(mergedAt),
                        headOwner, headRef, headSha, repo(headOwner, "r"), user("o"), repo("o", "r"));
    }

    /** A file as GitHub lists it when the diff is too large to show: no "patch" key at all. */
    static String fileWithoutPatch(String filename) {
        return file(filename).replaceAll(",\\s*\"patch\":\"[^\"]*\"", "");
    }

    static String file(String filename) {
        return """
                {"sha":"bbcd538c8e72b8c175046e27cc8f907076331401","filename":"%s","status":"modified","additions":1,
                 "deletions":1,"changes":2,"blob_url":"https://github.com/o/r/blob/abc/%s",
                 "raw_url":"https://github.com/o/r/raw/abc/%s","contents_url":"%s/repos/o/r/contents/%s?ref=abc",
                 "patch":"@@ -1 +1 @@\\n-a\\n+b"}""".formatted(filename, filename, filename, API, filename);
    }

    static String comment(long id, String login, String body) {
        return """
                {"id":%d,"node_id":"IC_kwDO","url":"%s/repos/o/r/issues/comments/%d",
                 "html_url":"https://github.com/o/r/pull/5#issuecomment-%d","body":"%s","user":%s,
                 "created_at":"2025-03-01T12:00:00Z","updated_at":"2025-03-01T12:00:00Z",
                 "issue_url":"%s/repos/o/r/issues/5","author_association":"MEMBER"}"""
                .formatted(id, API, id, id, body, user(login), API);
    }

    static String status(String context, String state) {
        return """
                {"url":"%s/repos/o/r/statuses/abc","id":%d,"node_id":"SC_kwDO","state":"%s","description":"%s is %s",
                 "target_url":"https://prow.example.com/%s","context":"%s","created_at":"2025-03-01T12:00:00Z",
                 "updated_at":"2025-03-01T12:00:00Z","creator":%s}"""
                .formatted(API, Math.abs(context.hashCode()), state, context, state, context, context, user("ci-bot"));
    }

    static String combinedStatus(String sha, String... statuses) {
        return """
                {"state":"pending","statuses":[%s],"sha":"%s","total_count":%d,"repository":%s,
                 "commit_url":"%s/repos/o/r/commits/%s","url":"%s/repos/o/r/commits/%s/status"}"""
                .formatted(String.join(",", statuses), sha, statuses.length, repo("o", "r"), API, sha, API, sha);
    }

    static String checkRun(String name, String status, String conclusion) {
        return """
                {"id":%d,"head_sha":"abc","node_id":"CR_kwDO","external_id":"","url":"%s/repos/o/r/check-runs/4",
                 "html_url":"https://github.com/o/r/runs/4","details_url":"https://ci.example.com/%s",
                 "status":"%s","conclusion":%s,"started_at":"2025-03-01T12:00:00Z","completed_at":null,
                 "output":{"title":"%s output","summary":"","text":null,"annotations_count":0,"annotations_url":"%s/x"},
                 "name":"%s","check_suite":{"id":5},"app":{"id":1,"slug":"ci","name":"CI"},"pull_requests":[]}"""
                .formatted(Math.abs(name.hashCode()), API, name, status, quoted(conclusion), name, API, name);
    }

    static String checkRuns(String... runs) {
        return "{\"total_count\":%d,\"check_runs\":[%s]}".formatted(runs.length, String.join(",", runs));
    }

    static String ref(String ref, String sha) {
        return """
                {"ref":"%s","node_id":"REF_kwDO","url":"%s/repos/o/r/git/%s",
                 "object":{"sha":"%s","type":"commit","url":"%s/repos/o/r/git/commits/%s"}}"""
                .formatted(ref, API, ref, sha, API, sha);
    }

    static String gitCommit(String sha, String treeSha) {
        return """
                {"sha":"%1$s","node_id":"C_kwDO","url":"%2$s/repos/o/r/git/commits/%1$s",
                 "html_url":"https://github.com/o/r/commit/%1$s",
                 "author":{"name":"Bot","email":"bot@example.com","date":"2025-03-01T12:00:00Z"},
                 "committer":{"name":"Bot","email":"bot@example.com","date":"2025-03-01T12:00:00Z"},
                 "tree":{"sha":"%3$s","url":"%2$s/repos/o/r/git/trees/%3$s"},"message":"msg",
                 "parents":[],"verification":{"verified":false,"reason":"unsigned","signature":null,"payload":null}}"""
                .formatted(sha, API, treeSha);
    }

    static String tree(String sha) {
        return """
                {"sha":"%1$s","url":"%2$s/repos/o/r/git/trees/%1$s","truncated":false,"tree":[
                 {"path":"config","mode":"040000","type":"tree","sha":"t1","url":"%2$s/repos/o/r/git/trees/t1"},
                 {"path":"config/prow.yaml","mode":"100644","type":"blob","sha":"b1","size":30,"url":"%2$s/repos/o/r/git/blobs/b1"},
                 {"path":"README.md","mode":"100644","type":"blob","sha":"b2","size":5,"url":"%2$s/repos/o/r/git/blobs/b2"},
                 {"path":"vendor/lib","mode":"160000","type":"commit","sha":"c3"}]}""".formatted(sha, API);
    }

    static String contents(String path, String base64) {
        return """
                {"type":"file","encoding":"base64","size":12,"name":"%1$s","path":"%1$s","content":"%2$s",
                 "sha":"3d21ec53a331a6f037a91c368710b99387d012c1","url":"%3$s/repos/o/r/contents/%1$s",
                 "git_url":"%3$s/repos/o/r/git/blobs/3d21","html_url":"https://github.com/o/r/blob/main/%1$s",
                 "download_url":"https://raw.githubusercontent.com/o/r/main/%1$s","_links":{}}"""
                .formatted(path, base64, API);
    }

    static String label(String name) {
        return """
                {"id":208045946,"node_id":"MDU6TGFiZWwyMDgwNDU5NDY=","url":"%s/repos/o/r/labels/%s","name":"%s",
                 "description":null,"color":"f29513","default":false}""".formatted(API, name, name);
    }

    static String sha(String json) {
        return "{\"sha\":\"%s\",\"url\":\"%s/x\"}".formatted(json, API);
    }

    static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
