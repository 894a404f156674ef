package io.prow.autodeploy.server;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub's {@code X-Hub-Signature-256}: {@code sha256=} + hex HMAC-SHA256 of the raw body, checked in constant time. */
public final class SignatureVerifier {
    private static final String PREFIX = "sha256=";

    private SignatureVerifier() {}

    public static boolean valid(byte[] body, String header, List<byte[]> tokens) {
        if (header == null || !header.startsWith(PREFIX) || tokens.isEmpty()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        boolean ok = false;
        for (byte[] token : tokens) {
            // No early exit: every token is tried, so timing does not tell which scope or position matched.
            ok |= MessageDigest.isEqual(hmac(token, body), claimed);
        }
        return ok;
    }

    public static String sign(byte[] body, byte[] token) {
        return PREFIX + HexFormat.of().formatHex(hmac(token, body));
    }

    static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
