package io.prow.autodeploy.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A secret token kept in a file, re-read when the file changes so it can be rotated without a restart.
 * "Changes" is mtime, size or file identity (inode): a Kubernetes Secret volume swaps a symlink to a new
 * file, and two writes within one mtime tick usually differ in size or inode.
 */
final class TokenFile {
    private record Version(FileTime modified, long size, Object fileKey) {}

    private record Loaded(Version version, byte[] token) {}

    private final Path path;
    private volatile Loaded loaded;

    TokenFile(Path path) {
        this.path = path;
    }

    /** The token, without surrounding whitespace; never empty (an empty token would accept an empty header). */
    byte[] current() throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        Version v = new Version(attrs.lastModifiedTime(), attrs.size(), attrs.fileKey());
        Loaded l = loaded;
        if (l != null && l.version().equals(v)) {
            return l.token();
        }
        byte[] token = Files.readString(path, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        if (token.length == 0) {
            throw new IOException("token file " + path + " is empty");
        }
        loaded = new Loaded(v, token);
        return token;
    }
}
