package org.dsreg.embed;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.TenantId;
import org.dsreg.embed.internal.DaggerDsregComponent;
import org.dsreg.embed.internal.DsregComponent;
import org.dsreg.port.in.QueryStatusCommand;

/**
 * The embedding API: dsreg's capabilities for other Java programs, without the CLI.
 *
 * <pre>{@code
 * Dsreg dsreg = Dsreg.create(DsregSettings.defaults());
 * DeviceStatus status = dsreg.status();
 * if (status.registered()) { ... }
 * }</pre>
 *
 * Every method returns immutable domain values; failures are
 * {@link org.dsreg.domain.DsregException}s whose {@code kind()} says what went wrong.
 * An instance is safe to share between threads.
 */
public final class Dsreg {
    private final DsregComponent component;

    private Dsreg(DsregComponent component) {
        this.component = component;
    }

    /** A dsreg working with the given settings. Cheap: nothing is read until asked. */
    public static Dsreg create(DsregSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new Dsreg(DaggerDsregComponent.factory().create(settings));
    }

    /** The status of every registration on this device. Reads local state only; no network. */
    public DeviceStatus status() {
        return component.queryStatus().queryStatus(QueryStatusCommand.allTenants());
    }

    /** The status of this device's registration with one tenant. */
    public DeviceStatus status(TenantId tenant) {
        return component.queryStatus().queryStatus(new QueryStatusCommand(Optional.of(tenant)));
    }
}
