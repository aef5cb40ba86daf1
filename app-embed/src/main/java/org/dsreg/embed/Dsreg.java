package org.dsreg.embed;

import java.util.Objects;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CleanupPlan;
import org.dsreg.domain.CleanupReport;
import org.dsreg.domain.CleanupStep;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Replacement;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Unregistration;
import org.dsreg.domain.Remedy;
import org.dsreg.embed.internal.DsregComponent;
import org.dsreg.port.in.AcquireDrsTokenCommand;
import org.dsreg.port.in.DiagnoseCommand;
import org.dsreg.port.in.JoinDeviceCommand;
import org.dsreg.port.in.QueryStatusCommand;
import org.dsreg.port.in.ReplaceIdentityCommand;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.port.in.UnregisterDeviceCommand;

/**
 * The embedding API: dsreg's capabilities for other Java programs, without the CLI.
 *
 * <pre>{@code
 * try (Dsreg dsreg = Dsreg.create(DsregSettings.fromEnvironment(System.getenv()))) {
 *     DeviceStatus status = dsreg.status();
 *     if (status.registered()) { ... }
 * }
 * }</pre>
 *
 * Every method takes this package's requests ({@link JoinRequest}, {@link CleanupRequest}) or domain values and
 * returns immutable domain values (and {@link KeyStorageBackend}s); failures are
 * {@link org.dsreg.domain.DsregException}s whose {@code kind()} says what went wrong. An
 * instance is safe to share between threads; close it to release its D-Bus connections.
 */
public final class Dsreg implements AutoCloseable {
    private final DsregComponent component;
    private final DsregSettings settings;

    /** A dsreg working with the use cases of {@code component} (package-private: a test's component, see create). */
    Dsreg(DsregComponent component, DsregSettings settings) {
        this.component = component;
        this.settings = settings;
    }

    /** dsreg's version, from the build (also sent to DRS as {@code ocp-adrs-client-version}). */
    public static String version() {
        return org.dsreg.embed.internal.Version.VERSION;
    }

    /** A dsreg working with the given settings. Cheap: nothing is read or connected until asked. */
    public static Dsreg create(DsregSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new Dsreg(DsregComponent.of(settings), settings);
    }

    /** The status of every registration on this device, and of the broker. No network call. */
    public DeviceStatus status() {
        return component.queryStatus().queryStatus(new QueryStatusCommand(Optional.empty(), settings.timeout()));
    }

    /** The status of this device's registration with one tenant, and of the broker. */
    public DeviceStatus status(TenantId tenant) {
        return component.queryStatus().queryStatus(new QueryStatusCommand(Optional.of(tenant), settings.timeout()));
    }

    /**
     * A Device Registration Service access token from the identity broker, for the account of
     * {@code tenant} or named {@code username}, or the only account when both are empty.
     */
    public AccessToken drsToken(Optional<TenantId> tenant, Optional<String> username) {
        return component.acquireDrsToken().acquireDrsToken(new AcquireDrsTokenCommand(tenant, username));
    }

    /**
     * Joins (or registers) this device with a tenant: discovery, token, keys, join, and one atomic
     * save. The request is checked first ({@link JoinRequest}); then changing the system state directory
     * needs root.
     *
     * @param prompt shows the user the device code flow's instructions, when that flow is used
     */
    public Registration join(JoinRequest request, DeviceCodePrompt prompt) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(prompt, "prompt");
        JoinDeviceCommand command = PortRequests.join(request);
        requireRootForSystemState("joining");
        return component.joinDevice().join(command, prompt::show);
    }

    /**
     * Unregisters this device from a tenant: at DRS, then its keys and registration here. A device
     * DRS has already deleted is unregistered here all the same ({@link Unregistration#alreadyDeletedAtDrs()}).
     */
    public Unregistration unregister(TenantId tenant) {
        requireRootForSystemState("unregistering");
        return component.unregisterDevice().unregister(new UnregisterDeviceCommand(tenant));
    }

    /**
     * Repairs this device's identity with a tenant when the service no longer has it, its certificate has expired or
     * expires within 30 days, or its key is gone: a new join, saved once DRS has verified it. A healthy identity is
     * left as it is ({@link Replacement#next()} empty); a disabled device is refused.
     */
    public Replacement repair(IdentityRequest request, DeviceCodePrompt prompt) {
        return replace(request, prompt, StagedIdentities.Purpose.REPAIR, "repairing a registration");
    }

    /** Moves this device's identity with a tenant to another key storage: a new join, then the old device goes. */
    public Replacement rekey(IdentityRequest request, DeviceCodePrompt prompt) {
        return replace(request, prompt, StagedIdentities.Purpose.REKEY, "moving a registration's keys");
    }

    private Replacement replace(IdentityRequest request, DeviceCodePrompt prompt, StagedIdentities.Purpose purpose,
                                String what) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(prompt, "prompt");
        var command = new ReplaceIdentityCommand(request.tenant(), purpose, request.keyStorage(),
                PortRequests.tokenSource(request.tokenSource()), request.force());
        requireRootForSystemState(what);
        return component.replaceIdentity().replace(command, prompt::show);
    }

    /**
     * Acquires a first PRT for an account of dsreg's registration with the request's tenant, or renews the one kept:
     * signed by the device key, the session key opened by the transport key. Changing the system state directory
     * needs root. Any failure leaves the previous PRT as it was.
     *
     * @param prompt shows the user the device code flow's instructions, when a first PRT needs a sign-in
     */
    public RefreshedPrt refreshPrt(RefreshPrtRequest request, DeviceCodePrompt prompt) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(prompt, "prompt");
        var command = PortRequests.refreshPrt(request);
        requireRootForSystemState("refreshing a PRT", "changes the device's PRTs in");
        return PortRequests.refreshed(component.refreshPrt().refresh(command, prompt::show));
    }

    /**
     * An access token through dsreg's PRT (the request signed with the PRT's session key). dsreg's PRTs are root's:
     * with the system state directory this needs root.
     */
    public IssuedToken accessToken(AccessTokenRequest request) {
        Objects.requireNonNull(request, "request");
        var command = PortRequests.accessToken(request);
        requireRootForSystemState("using a PRT", "reads the device's PRTs, kept for root in");
        return PortRequests.issued(component.getToken().getToken(command));
    }

    private void requireRootForSystemState(String what) {
        requireRootForSystemState(what, "changes the system registration in");
    }

    private void requireRootForSystemState(String what, String does) {
        if (settings.systemStateDir() && settings.root().equals(java.nio.file.Path.of("/"))
                && !component.privileges().isRoot()) {
            throw new DsregException(ErrorKind.INSUFFICIENT_PERMISSIONS, what + " " + does + " "
                    + settings.stateDir() + ", which needs root", Remedy.either(new Remedy.RunAsRoot(), new Remedy.OwnStateDir()), null);
        }
    }

    /**
     * Runs the diagnostics for one tenant (or, when empty, every tenant this device is registered
     * with): DRS discovery, connectivity, clock skew, token acquisition, proxy; KeySignTest,
     * certificate validity, device key present, DeviceAuthStatus; PRT tests; each registration's Device Management
     * section from Microsoft Graph (global cloud). Makes network requests.
     */
    public Diagnostics diagnose(Optional<TenantId> tenant) {
        return component.diagnose().diagnose(new DiagnoseCommand(tenant));
    }

    /**
     * The diagnostics, the Device Management sections asking Microsoft Graph at {@code graphUrl} (https; a national
     * cloud's Graph, or a test's).
     *
     * @throws DsregException {@code INVALID_ARGUMENTS} when {@code graphUrl} is not an https URL with a host
     */
    public Diagnostics diagnose(Optional<TenantId> tenant, java.net.URI graphUrl) {
        return component.diagnose().diagnose(new DiagnoseCommand(tenant, Objects.requireNonNull(graphUrl, "graphUrl")));
    }

    /**
     * The cleanup plan: what {@link #cleanup} would touch, by the seed's rules (phase 2 only as
     * root). Nothing is changed.
     */
    public CleanupPlan cleanupPlan(CleanupRequest request) {
        return component.cleanup().plan(PortRequests.cleanup(Objects.requireNonNull(request, "request")));
    }

    /** What a plan step would remove right now (for a dry run). */
    public java.util.List<String> cleanupPreview(CleanupStep step) {
        return component.cleanup().preview(step);
    }

    /** Carries out a cleanup plan, confirmed by the caller; never unregisters the device. */
    public CleanupReport cleanup(CleanupPlan plan) {
        return component.cleanup().execute(plan);
    }

    /** The key-storage backends found on the class path, with their capabilities and whether each is usable here. */
    public java.util.List<KeyStorageBackend> keyStorages() {
        return component.keyStorages().backends().stream().map(PortRequests::backend).toList();
    }

    /** Releases the D-Bus connections this instance opened. */
    @Override
    public void close() {
        for (AutoCloseable c : component.closeables()) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort: nothing the caller could do about it
            }
        }
    }
}
