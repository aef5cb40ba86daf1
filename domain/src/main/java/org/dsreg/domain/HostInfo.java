package org.dsreg.domain;

import java.util.Objects;

/** Facts about the host: its name and operating system (from os-release). */
public record HostInfo(String hostname, String osPrettyName, String osId, String osVersionId) {
    public HostInfo {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(osPrettyName, "osPrettyName");
        Objects.requireNonNull(osId, "osId");
        Objects.requireNonNull(osVersionId, "osVersionId");
    }
}
