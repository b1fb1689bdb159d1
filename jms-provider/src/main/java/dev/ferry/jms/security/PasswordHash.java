package dev.ferry.jms.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash in its stored form,
 * {@code pbkdf2-sha256$<iterations>$<salt, Base64>$<hash, Base64>}. The iteration count is what makes a stolen
 * users file expensive to attack, so a stored hash below {@link #MIN_ITERATIONS} is refused rather than accepted
 * as weaker; the salt (16 random bytes) makes equal passwords hash differently.
 */
public final class PasswordHash {

    static final String SCHEME = "pbkdf2-sha256";
    /** Iterations of new hashes. */
    public static final int DEFAULT_ITERATIONS = 310_000;
    /** Fewest iterations a stored hash may have. */
    public static final int MIN_ITERATIONS = 210_000;
    /** Most iterations accepted, so that a hand-edited file cannot make each login take minutes. */
    static final int MAX_ITERATIONS = 10_000_000;
    static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_HASH_BYTES = 64;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password with a fresh random salt and {@link #DEFAULT_ITERATIONS}. */
    public static PasswordHash of(char[] password) {
        return of(password, DEFAULT_ITERATIONS);
    }

    static PasswordHash of(char[] password, int iterations) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException saying what is wrong with it (never echoing the hash itself)
     */
    public static PasswordHash parse(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("the password hash is missing");
        }
        String[] parts = encoded.trim().split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("a password hash must have the form " + SCHEME
                    + "$<iterations>$<salt>$<hash>; create one with dev.ferry.jms.security.PasswordHasher");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count " + parts[1] + " is not a number", e);
        }
        checkIterations(iterations);
        byte[] salt = decode("salt", parts[2]);
        if (salt.length < SALT_BYTES) {
            throw new IllegalArgumentException("the salt has " + salt.length + " bytes; at least " + SALT_BYTES
                    + " are required");
        }
        byte[] hash = decode("hash", parts[3]);
        if (hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
            throw new IllegalArgumentException("the hash has " + hash.length + " bytes; between " + MIN_HASH_BYTES
                    + " and " + MAX_HASH_BYTES + " are accepted");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** Whether the password is the one hashed, compared in time independent of where they differ. */
    public boolean matches(char[] password) {
        byte[] candidate = derive(password, salt, iterations, hash.length);
        return MessageDigest.isEqual(candidate, hash);
    }

    public int iterations() {
        return iterations;
    }

    /** The stored form. */
    public String encode() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iteration count " + iterations + " is outside "
                    + MIN_ITERATIONS + ".." + MAX_ITERATIONS + "; create a new hash with "
                    + "dev.ferry.jms.security.PasswordHasher");
        }
    }

    private static byte[] decode(String what, String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not valid Base64", e);
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Never shows the hash: the stored form is a secret too. */
    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$…";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash && iterations == ((PasswordHash) other).iterations
                && Arrays.equals(salt, ((PasswordHash) other).salt) && Arrays.equals(hash, ((PasswordHash) other).hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }
}
