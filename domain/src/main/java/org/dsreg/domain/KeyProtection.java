package org.dsreg.domain;

import java.util.Objects;

/**
 * How a private key is protected: the provider that holds it (shown as KeyProvider) and whether
 * it is hardware-backed (shown as TpmProtected for a TPM). {@code details} is a short free text
 * such as the TPM manufacturer and firmware version, or empty.
 */
public record KeyProtection(String provider, boolean hardwareBacked, String details) {
    public KeyProtection {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(details, "details");
    }
}
