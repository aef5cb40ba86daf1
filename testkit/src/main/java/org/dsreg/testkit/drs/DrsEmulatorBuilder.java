package org.dsreg.testkit.drs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings of a {@link DrsEmulator}, from {@link DrsEmulator#builder()}; every setting has a default.
 */
public final class DrsEmulatorBuilder implements Cloneable {
    UUID tenantId;
    String tenantDomain = "contoso.example";
    String tenantDisplayName = "Contoso";
    int port;
    Duration pollInterval = Duration.ofSeconds(1);
    int pendingPolls = 1;
    Duration slowDownIncrement = Duration.ofSeconds(5);
    Duration deviceCodeLifetime = Duration.ofSeconds(900);
    String deviceCodeUser;
    Duration nonceLifetime = Duration.ofMinutes(10);
    boolean requireNonce;
    Duration challengeLifetime = Duration.ofMinutes(5);
    boolean prtRepliesCbc;
    Duration prtLifetime = Duration.ofDays(14);
    boolean revokeRenewedPrts;
    int joinSuccessStatus = 200;
    int maxEntries = 1000;
    int maxBodyBytes = 64 * 1024;

    DrsEmulatorBuilder() {
    }

    /**
     * The tenant id (default: random).
     *
     * @param id the tenant id
     * @return this builder
     */
    public DrsEmulatorBuilder tenantId(UUID id) {
        this.tenantId = Objects.requireNonNull(id);
        return this;
    }

    /**
     * The tenant's domain (default {@code contoso.example}).
     *
     * @param domain the domain
     * @return this builder
     */
    public DrsEmulatorBuilder tenantDomain(String domain) {
        this.tenantDomain = Objects.requireNonNull(domain);
        return this;
    }

    /**
     * The tenant's display name in discovery's {@code TenantInfo.DisplayName} (default {@code Contoso}).
     *
     * @param name the display name
     * @return this builder
     */
    public DrsEmulatorBuilder tenantDisplayName(String name) {
        this.tenantDisplayName = Objects.requireNonNull(name);
        return this;
    }

    /**
     * The TCP port on 127.0.0.1 (default 0: ephemeral).
     *
     * @param port the port
     * @return this builder
     */
    public DrsEmulatorBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        this.port = port;
        return this;
    }

    /**
     * The device-code polling interval (default 1 s): announced as {@code interval} (whole seconds, rounded
     * up) and enforced: a poll sooner than this after the device-code answer or the previous poll gets
     * {@code slow_down}. Zero disables the check.
     *
     * @param interval the interval
     * @return this builder
     */
    public DrsEmulatorBuilder pollInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("negative interval");
        }
        this.pollInterval = interval;
        return this;
    }

    /**
     * How many timely polls of a device code get {@code authorization_pending} before the token is issued
     * (default 1).
     *
     * @param polls the number of pending answers
     * @return this builder
     */
    public DrsEmulatorBuilder pendingPolls(int polls) {
        if (polls < 0) {
            throw new IllegalArgumentException("negative polls");
        }
        this.pendingPolls = polls;
        return this;
    }

    /**
     * How much longer the required polling interval of a device code becomes after each {@code slow_down}
     * (default 5 s, as RFC 8628 section 3.5 says).
     *
     * @param increment the increment
     * @return this builder
     */
    public DrsEmulatorBuilder slowDownIncrement(Duration increment) {
        if (increment.isNegative()) {
            throw new IllegalArgumentException("negative increment");
        }
        this.slowDownIncrement = increment;
        return this;
    }

    /**
     * How long a device code is valid (default 900 s; {@code expires_in} announces it in whole seconds).
     *
     * @param lifetime the lifetime
     * @return this builder
     */
    public DrsEmulatorBuilder deviceCodeLifetime(Duration lifetime) {
        this.deviceCodeLifetime = positive(lifetime);
        return this;
    }

    /**
     * The user who "signs in" in the device authorization grant (default {@code user@<tenant domain>}).
     *
     * @param upn the user principal name
     * @return this builder
     */
    public DrsEmulatorBuilder deviceCodeUser(String upn) {
        this.deviceCodeUser = Objects.requireNonNull(upn);
        return this;
    }

    /**
     * How long an issued nonce may be used in a join (default 10 minutes).
     *
     * @param lifetime the lifetime
     * @return this builder
     */
    public DrsEmulatorBuilder nonceLifetime(Duration lifetime) {
        this.nonceLifetime = Objects.requireNonNull(lifetime);
        return this;
    }

    /**
     * How long a {@code srv_challenge} nonce may be used in a PRT request (default 5 minutes). An assumption: no
     * public source gives the service's lifetime; MS-RDPBCGR 3.1.5.1.2 has the client fetch a fresh nonce for every
     * handshake, and reference §6a calls it short-lived.
     *
     * @param lifetime a positive lifetime
     * @return this builder
     */
    public DrsEmulatorBuilder challengeLifetime(Duration lifetime) {
        this.challengeLifetime = positive(lifetime);
        return this;
    }

    private static Duration positive(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
        return lifetime;
    }

    /**
     * Whether replies to session-key-signed requests use the AES-CBC form (16-byte IV, PKCS#7, empty tag) instead
     * of AES-GCM (default false); the v1 token endpoint has been seen answering in the CBC form (reference §6a).
     *
     * @param cbc true for the CBC form
     * @return this builder
     */
    public DrsEmulatorBuilder prtRepliesCbc(boolean cbc) {
        this.prtRepliesCbc = cbc;
        return this;
    }

    /**
     * @param lifetime how long a PRT is valid (default 14 days, reference §6a); used after: AADSTS70008
     * @return this builder
     */
    public DrsEmulatorBuilder prtLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the PRT lifetime must be positive");
        }
        this.prtLifetime = lifetime;
        return this;
    }

    /**
     * @param revoke whether a renewal revokes the PRT it renewed (default false: not known of the service); strict,
     *               to prove a client uses the new PRT: the old one is then refused AADSTS50173
     * @return this builder
     */
    public DrsEmulatorBuilder revokeRenewedPrts(boolean revoke) {
        this.revokeRenewedPrts = revoke;
        return this;
    }

    /**
     * Whether a join CSR must carry the nonce extension (default false: optional, as the spec's SHOULD).
     *
     * @param require true to reject joins without a nonce
     * @return this builder
     */
    public DrsEmulatorBuilder requireNonce(boolean require) {
        this.requireNonce = require;
        return this;
    }

    /**
     * The HTTP status of a successful join (default 200; the spec's example shows 201).
     *
     * @param status a 2xx status
     * @return this builder
     */
    public DrsEmulatorBuilder joinSuccessStatus(int status) {
        if (status < 200 || status > 299 || status == 204) {
            throw new IllegalArgumentException("a 2xx status with a body, not " + status);
        }
        this.joinSuccessStatus = status;
        return this;
    }

    /**
     * The most devices, nonces, device codes and recorded requests kept, each (default 1000).
     *
     * @param max the bound
     * @return this builder
     */
    public DrsEmulatorBuilder maxEntries(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max " + max);
        }
        this.maxEntries = max;
        return this;
    }

    /**
     * The largest request body accepted (default 64 KiB); larger bodies get 413.
     *
     * @param max the limit in bytes
     * @return this builder
     */
    public DrsEmulatorBuilder maxBodyBytes(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max " + max);
        }
        this.maxBodyBytes = max;
        return this;
    }

    /**
     * Starts the emulator.
     *
     * @param workDir a directory for the emulator's files (created if missing)
     * @return the running emulator
     */
    public DrsEmulator start(Path workDir) {
        DrsEmulatorBuilder copy = copy();
        if (copy.deviceCodeUser == null) {
            copy.deviceCodeUser = "user@" + copy.tenantDomain;
        }
        try {
            return new DrsEmulator(copy, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the DRS emulator", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the DRS emulator", e);
        }
    }

    /** A copy the running emulator keeps: every field is immutable or primitive, so a shallow copy is a copy. */
    private DrsEmulatorBuilder copy() {
        try {
            return (DrsEmulatorBuilder) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError("the builder is Cloneable", e);
        }
    }
}
