package org.dsreg.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A certificate thumbprint: the SHA-1 of the certificate's DER encoding, as 40 upper-case hex digits. */
public record Thumbprint(String value) {
    private static final Pattern HEX40 = Pattern.compile("[0-9A-F]{40}");

    public Thumbprint {
        Objects.requireNonNull(value, "value");
        if (!HEX40.matcher(value).matches()) {
            throw DsregException.invalidArgument("'" + Guids.printable(value) + "' is not a SHA-1 thumbprint");
        }
    }

    /** Parses a thumbprint in any case, with or without colons or spaces between the bytes. */
    public static Thumbprint parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Thumbprint(text.replaceAll("[:\\s]", "").toUpperCase(Locale.ROOT));
    }

    /** Computes the thumbprint of a DER-encoded certificate. */
    public static Thumbprint ofDer(byte[] certificateDer) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(certificateDer);
            return new Thumbprint(HexFormat.of().withUpperCase().formatHex(sha1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
