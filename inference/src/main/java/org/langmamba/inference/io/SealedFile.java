package org.langmamba.inference.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The one format of the files a model or a training run leaves (model files, checkpoints): their
 * content followed by its SHA-256. A reader checks the seal before it allocates anything a length
 * field asks for, so a flipped bit or a truncation is "FILE is damaged: …", never a
 * {@code NegativeArraySizeException} or DJL's "value does not match any layoutTypes".
 */
public final class SealedFile {
    private static final int SEAL = 32;

    private SealedFile() {}

    /** {@code content} with its SHA-256 appended. */
    public static byte[] seal(byte[] content) {
        byte[] sealed = Arrays.copyOf(content, content.length + SEAL);
        System.arraycopy(digest(content, content.length), 0, sealed, content.length, SEAL);
        return sealed;
    }

    /** The content of a sealed file's bytes; {@link Damaged} naming {@code file} when the seal does not match. */
    public static byte[] open(byte[] sealed, Path file) throws Damaged {
        if (sealed.length < SEAL) {
            throw new Damaged(file, "ends early (" + sealed.length + " bytes; truncated)");
        }
        int length = sealed.length - SEAL;
        byte[] expected = Arrays.copyOfRange(sealed, length, sealed.length);
        if (!MessageDigest.isEqual(expected, digest(sealed, length))) {
            throw new Damaged(
                    file, "its checksum does not match its content (changed or truncated after it was written)");
        }
        return Arrays.copyOf(sealed, length);
    }

    /** A length read from a file, checked against what is left before anything is allocated for it. */
    public static int length(int value, long remaining, String what, Path file) throws Damaged {
        if (value < 0 || value > remaining) {
            throw new Damaged(file, what + " says " + value + " bytes, " + remaining + " are left");
        }
        return value;
    }

    /** Why reading a file failed, in words: never "null". */
    public static String reason(Throwable e) {
        if (e instanceof EOFException) {
            return "ends early (truncated)";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static byte[] digest(byte[] bytes, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** A file that cannot be what it claims to be; the message names the file and the reason. */
    public static final class Damaged extends IOException {
        public Damaged(Path file, String reason) {
            super(file + " is damaged: " + reason);
        }
    }
}
