package io.prow.autodeploy.github;

/** An {@code org/repo} pair; parsing rejects anything that could escape into a path or URL. */
public record RepoRef(String owner, String name) {
    private static final String PART = "[A-Za-z0-9][A-Za-z0-9_.-]{0,99}";

    public RepoRef {
        if (owner == null || name == null || !owner.matches(PART) || !name.matches(PART)) {
            throw new IllegalArgumentException("'" + owner + "/" + name + "' is not org/repo");
        }
    }

    public static RepoRef parse(String slug) {
        String[] parts = slug == null ? new String[0] : slug.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + slug + "' is not org/repo");
        }
        return new RepoRef(parts[0], parts[1]);
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
