package org.dsreg.domain;

import java.util.Objects;
import java.util.UUID;

/** The GUID of a Microsoft Entra tenant. */
public record TenantId(UUID value) {
    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses a tenant GUID; a malformed value is an {@link ErrorKind#INVALID_ARGUMENTS} failure. */
    public static TenantId parse(String text) {
        return new TenantId(Guids.parse("tenant id", text));
    }

    /** Whether the text is a GUID (as opposed to, say, a tenant domain name). */
    public static boolean looksLikeGuid(String text) {
        return Guids.isGuid(text);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
