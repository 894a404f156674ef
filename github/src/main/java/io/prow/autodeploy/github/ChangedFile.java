package io.prow.autodeploy.github;

/**
 * One file of a pull request as GitHub's "list pull request files" answers it: the path and its unified-diff
 * {@code patch}. GitHub leaves {@code patch} out for binary files and for diffs too large to show, so it is null
 * then (https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files).
 */
public record ChangedFile(String path, String patch) {
    public ChangedFile {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a changed file needs a path");
        }
    }

    public static ChangedFile withoutPatch(String path) {
        return new ChangedFile(path, null);
    }

    public boolean hasPatch() {
        return patch != null;
    }
}
