package org.dsreg.application;

import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.HostInfo;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Thumbprint;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.AcquireDrsTokenCommand;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.in.JoinDeviceCommand;
import org.dsreg.port.in.JoinDeviceUseCase;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.Certificates;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsTokens;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StateLock;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * Discovery, token, keys (the device and transport keys made at the same time, {@link TwoKeys}), CSR
 * through the key storage, join, verification of the reply, and one atomic save. Any failure removes
 * the keys this join created and leaves the previous state as it was.
 */
public final class JoinDeviceService implements JoinDeviceUseCase {
    static final String DEVICE_TYPE = "Linux";

    private final DeviceRegistrationService drs;
    private final DrsTokens tokens;
    private final AcquireDrsTokenUseCase brokerTokens;
    private final KeyStorages keyStorages;
    private final RegistrationStore store;
    private final Certificates certificates;
    private final HostFacts host;
    private final StateLock lock;
    private final Supplier<UUID> ids;
    private final Clock clock;

    public JoinDeviceService(DeviceRegistrationService drs, DrsTokens tokens, AcquireDrsTokenUseCase brokerTokens,
                             KeyStorages keyStorages, RegistrationStore store, Certificates certificates,
                             HostFacts host, StateLock lock, Supplier<UUID> ids, Clock clock) {
        this.drs = drs;
        this.tokens = tokens;
        this.brokerTokens = brokerTokens;
        this.keyStorages = keyStorages;
        this.store = store;
        this.certificates = certificates;
        this.host = host;
        this.lock = lock;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Registration join(JoinDeviceCommand command, DeviceCodePrompt prompt) {
        KeyStorage storage = keyStorages.find(command.keyStorage()).orElseThrow(() -> DsregException.invalidArgument(
                "no key storage named '" + command.keyStorage() + "' (available: "
                        + String.join(", ", keyStorages.names()) + ")"));
        try (StateLock.Held held = lock.acquire()) {
            if (command.joinType() == JoinType.JOINED) { // one Entra join per device, as on Windows
                store.list().stream().filter(r -> r.joinType() == JoinType.JOINED).findFirst().ifPresent(joined -> {
                    throw new DsregException(ErrorKind.QUERY_FAILED, "this device is already Entra joined to tenant "
                            + joined.tenantId() + " (device id " + joined.deviceId() + "); a device has one join",
                            Remedy.either(new Remedy.UnregisterFirst(joined.tenantId()),
                                    new Remedy.Join(JoinType.REGISTERED)), null);
                });
            }
            Discovery discovery = drs.discover(command.tenant());
            var tenant = discovery.details().tenantId();
            store.find(tenant).ifPresent(existing -> {
                throw new DsregException(ErrorKind.QUERY_FAILED, "this device is already registered with tenant "
                        + tenant + " (device id " + existing.deviceId() + ")",
                        new Remedy.UnregisterFirst(tenant), null);
            });
            List<KeyRef> created = new ArrayList<>();
            try {
                Registration registration = newIdentity(discovery, command, storage, prompt, created, r -> { });
                store.save(registration);
                created.clear(); // the registration owns them now
                return registration;
            } finally {
                removeQuietly(storage, created);
            }
        }
    }

    /**
     * A new device identity, nothing saved: token, nonce, keys in {@code storage} (each added to {@code created}
     * once made), CSR, join, and the reply verified; {@code replied} is told of the registration as soon as DRS's
     * reply names its device, before it is verified. Called holding the state lock.
     */
    Registration newIdentity(Discovery discovery, JoinDeviceCommand command, KeyStorage storage,
                             DeviceCodePrompt prompt, List<KeyRef> created, Consumer<Registration> replied) {
        AccessToken token = token(command.tokenSource(), discovery, prompt); // the nonce request carries it
        Optional<String> nonce = drs.nonce(discovery, token);

        String suffix = ids.get().toString();
        KeyRef deviceKey = new KeyRef(storage.name(), "device-" + suffix);
        KeyRef transportKey = new KeyRef(storage.name(), "transport-" + suffix);
        TwoKeys.Made keys = TwoKeys.generate(storage, deviceKey, transportKey, created);
        PublicKey devicePublic = keys.device();
        byte[] csr = drs.certificateRequest(storage, deviceKey.alias(), devicePublic, nonce);
        HostInfo h = host.host();
        String displayName = command.deviceName().orElse(h.hostname());
        JoinReply reply = drs.join(discovery, token, new JoinRequest(csr, keys.transport(),
                TargetDomain.of(command.tenantRef(), discovery), DEVICE_TYPE, h.osPrettyName(),
                displayName, command.joinType(), command.deviceMode()));
        return verified(reply, devicePublic, discovery, command, deviceKey, transportKey, displayName, replied);
    }

    private AccessToken token(TokenSourceSpec spec, Discovery discovery, DeviceCodePrompt prompt) {
        AccessToken token;
        if (spec instanceof TokenSourceSpec.File f) {
            token = tokens.fromFile(f.path(), prompt::show);
        } else if (spec instanceof TokenSourceSpec.DeviceCode) {
            token = tokens.deviceCode(discovery, AcquireDrsTokenUseCase.DRS_CLIENT_ID,
                    AcquireDrsTokenUseCase.DRS_SCOPE, prompt::show);
        } else {
            try { // the broker's token is checked as any other: audience, expiry, and tenant below
                token = brokerTokens.acquireDrsToken(new AcquireDrsTokenCommand(
                        Optional.of(discovery.details().tenantId()), Optional.empty()));
            } catch (DsregException e) {
                throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED,
                        "no DRS token from the identity broker: " + e.getMessage(),
                        Remedy.either(Remedy.say("sign in through the broker"), new Remedy.UseDeviceCodeSignIn()), e);
            }
        }
        String audience = token.audience().orElse("");
        if (!audience.equals(AcquireDrsTokenUseCase.DRS_AUDIENCE)
                && !audience.equals(AcquireDrsTokenUseCase.DRS_RESOURCE)) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, audience.isEmpty()
                    ? "the token has no audience (aud) claim; it is not a DRS access token"
                    : "the token is for '" + audience + "', not for the Device Registration Service", null, null);
        }
        if (token.expiresOn().map(clock.instant()::isAfter).orElse(false)) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the DRS access token expired at "
                    + token.expiresOn().get(), null, null);
        }
        String tenant = discovery.details().tenantId().toString();
        if (token.tenant().filter(t -> !t.equalsIgnoreCase(tenant)).isPresent()) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the token was issued by tenant "
                    + token.tenant().get().replaceAll("[^0-9A-Za-z.-]", "?") + ", not by " + tenant
                    + ", the tenant to join", Remedy.say("sign in with an account of tenant " + tenant), null);
        }
        return token;
    }

    /**
     * The registration the reply makes, told to {@code replied} as soon as it names a device whose certificate is for
     * this device's key (a replacement records it there, so that whoever settles it can undo the device with that
     * key), then checked before anything is stored: right thumbprint, the certificate's device and tenant.
     */
    private Registration verified(JoinReply reply, PublicKey devicePublic, Discovery discovery,
                                  JoinDeviceCommand command, KeyRef deviceKey, KeyRef transportKey,
                                  String displayName, Consumer<Registration> replied) {
        Certificates.Parsed cert = certificates.parse(reply.certificateDer());
        DeviceId device = cert.commonName().filter(org.dsreg.domain.TenantId::looksLikeGuid).map(DeviceId::parse)
                .orElseThrow(() -> refused("the certificate's subject names no device id"));
        var tenant = discovery.details().tenantId();
        Registration registration = new Registration(tenant, device, command.joinType(),
                Optional.of(command.deviceMode()), cert.info(), deviceKey, Optional.of(transportKey),
                discovery.details(), Optional.of(clock.instant()), RegistrationSource.DSREG, Optional.of(displayName));
        if (!cert.info().certifiesKey(devicePublic.getEncoded())) { // then nothing here can authenticate as it
            throw refused("the certificate DRS issued is for another key than this device's");
        }
        replied.accept(registration);
        Thumbprint claimed;
        try {
            claimed = Thumbprint.parse(reply.claimedThumbprint());
        } catch (DsregException e) {
            throw refused("DRS sent a malformed thumbprint");
        }
        if (!claimed.equals(cert.info().thumbprint())) {
            throw refused("the thumbprint DRS sent (" + claimed + ") is not that of its certificate ("
                    + cert.info().thumbprint() + ")");
        }
        cert.deviceIdExtension().filter(id -> !id.equals(device.value())).ifPresent(id -> {
            throw refused("the certificate's device id extension (" + id + ") differs from its subject (" + device + ")");
        });
        cert.tenantIdExtension().filter(id -> !id.equals(tenant.value())).ifPresent(id -> {
            throw refused("the certificate is for tenant " + id + ", not " + tenant);
        });
        return registration;
    }

    private static DsregException refused(String message) {
        return new DsregException(ErrorKind.QUERY_FAILED, message + "; nothing was saved", null, null);
    }

    static void removeQuietly(KeyStorage storage, List<KeyRef> keys) {
        for (KeyRef k : keys) {
            try {
                storage.delete(k.alias());
            } catch (DsregException e) {
                // the original failure matters more; a leftover key is harmless without a registration
            }
        }
    }
}
