package org.dsreg.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.Registration;
import org.dsreg.port.in.JoinDeviceUseCase.DeviceCodePrompt;
import org.dsreg.port.in.RefreshPrtCommand;
import org.dsreg.port.in.RefreshPrtResult;
import org.dsreg.port.in.RefreshPrtUseCase;
import org.dsreg.port.in.TokenSourceSpec;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.PrtExchange;
import org.dsreg.port.out.PrtGrant;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StateLock;
import org.dsreg.port.out.StoredPrt;
import org.dsreg.port.out.TokenServiceException;
import org.dsreg.port.out.UserCredential;
import org.dsreg.port.out.UserCredentials;
import org.dsreg.spi.keystorage.KeyStorage;

/**
 * A first PRT for an account (a user credential, the device key, the transport key) or the renewal of the one
 * kept. The new PRT and its session key replace the old in one atomic save; before it, nothing kept changes. Every
 * request that reached the token service is recorded as the last attempt, failed or not.
 */
public final class RefreshPrtService implements RefreshPrtUseCase {
    /**
     * The scope of the first sign-in, whose refresh token the PRT request carries: DRS's, as a join's sign-in (a
     * refresh token of the broker client is good for any of its resources; ROADtools' device code sign-in before
     * {@code roadtx prt} asks for DRS too), with {@code offline_access} for the refresh token and {@code openid
     * profile} for the ID token that names the user.
     */
    static final String SIGN_IN_SCOPE = org.dsreg.port.in.AcquireDrsTokenUseCase.DRS_SCOPE
            + " openid profile offline_access";

    /**
     * The service's answers to a renewal that say the PRT is dead: expired (AADSTS70008, 700082), revoked (50173),
     * not a grant it knows (70000); no renewal of it will be granted, a sign-in will.
     */
    static final java.util.Set<String> DEAD_GRANT = java.util.Set.of("AADSTS70000", "AADSTS70008", "AADSTS700082",
            "AADSTS50173");

    private final RegistrationStore registrations;
    private final PrtStore prts;
    private final PrtExchange exchange;
    private final UserCredentials credentials;
    private final KeyStorages keyStorages;
    private final StateLock lock;
    private final Supplier<UUID> ids;
    private final Clock clock;

    public RefreshPrtService(RegistrationStore registrations, PrtStore prts, PrtExchange exchange,
                             UserCredentials credentials, KeyStorages keyStorages, StateLock lock,
                             Supplier<UUID> ids, Clock clock) {
        this.registrations = registrations;
        this.prts = prts;
        this.exchange = exchange;
        this.credentials = credentials;
        this.keyStorages = keyStorages;
        this.lock = lock;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public RefreshPrtResult refresh(RefreshPrtCommand command, DeviceCodePrompt prompt) {
        try (StateLock.Held held = lock.acquire()) {
            Registration registration = PrtAccounts.ownRegistration(registrations, command.tenant());
            KeyStorage storage = PrtAccounts.storage(keyStorages, registration.deviceKey().storage());
            List<StoredPrt> kept = prts.list(command.tenant());
            Optional<StoredPrt> existing = command.signIn() ? Optional.empty()
                    : PrtAccounts.select(kept, command.account());
            if (existing.isPresent() && !existing.get().metadata().expiredAt(clock.instant())) {
                return new RefreshPrtResult(PrtAttempt.Kind.RENEW, renew(registration, existing.get()));
            }
            // none kept, a sign-in asked for, or an expired PRT (no renewal would be granted): the same account again
            Optional<String> account = command.account().or(() -> existing.map(p -> p.metadata().upn()));
            return new RefreshPrtResult(PrtAttempt.Kind.ACQUIRE, acquire(registration, storage, command.tokenSource(),
                    account, kept, prompt));
        }
    }

    private DsregPrt renew(Registration registration, StoredPrt stored) {
        Instant at = clock.instant();
        PrtGrant grant;
        try {
            grant = attempt(registration, PrtAttempt.Kind.RENEW, Optional.of(stored.metadata().upn()), at,
                    () -> exchange.renew(registration, stored.prt(),
                            PrtAccounts.sessionKey(keyStorages, stored.sessionKey())));
        } catch (TokenServiceException e) {
            if (e.errorCode().filter(DEAD_GRANT::contains).isPresent()) { // no renewal will be granted: sign in
                throw new TokenServiceException(e.kind(), e.getMessage(), e.httpStatus(), e.errorCode(),
                        e.description(), e.traceId(), e.correlationId(), e.endpoint(),
                        new org.dsreg.domain.Remedy.SignInAgain(registration.tenantId()), e);
            }
            throw e;
        }
        grant.clear();
        DsregPrt renewed = stored.metadata().renewed(at, grant.expiresOn().or(() -> stored.metadata().expiresOn()));
        prts.save(new StoredPrt(renewed, grant.prt(), stored.sessionKey()));
        succeeded(registration, PrtAttempt.Kind.RENEW, renewed.upn(), at, grant);
        return renewed;
    }

    private DsregPrt acquire(Registration registration, KeyStorage storage, TokenSourceSpec source,
                             Optional<String> account, List<StoredPrt> kept, DeviceCodePrompt prompt) {
        UserCredential credential = credential(registration, source, prompt);
        requireAccount(account, credential.upn(), credential.objectId());
        Instant at = clock.instant();
        Optional<String> who = account.or(credential::upn);
        PrtGrant grant = attempt(registration, PrtAttempt.Kind.ACQUIRE, who, at,
                () -> exchange.acquire(registration, storage, credential));
        byte[] sessionKey = grant.sessionKey().orElse(new byte[0]);
        grant.clear();
        try {
            String upn = grant.upn().or(credential::upn).orElseThrow(() -> badReply(registration, at, grant,
                    "the token service's reply names no user (no ID token)"));
            String objectId = grant.objectId().or(credential::objectId).orElseThrow(() -> badReply(registration, at,
                    grant, "the token service's reply names no user object id (no oid in the ID token)"));
            if (!org.dsreg.domain.TenantId.looksLikeGuid(objectId)) {
                throw badReply(registration, at, grant, "the token service's reply names a user object id that is"
                        + " not a GUID");
            }
            if (sessionKey.length == 0) {
                throw badReply(registration, at, grant, "the token service's reply carries no session key");
            }
            requireAccount(account, Optional.of(upn), Optional.of(objectId));
            Optional<StoredPrt> replaced = kept.stream()
                    .filter(p -> p.metadata().objectId().equalsIgnoreCase(objectId)).findFirst();
            SessionKeys.Kept key = SessionKeys.keep(keyStorages, storage, sessionKey, ids);
            DsregPrt prt = new DsregPrt(registration.tenantId(), upn, objectId.toLowerCase(java.util.Locale.ROOT), at,
                    grant.expiresOn(), Optional.empty(), 2, key.protection());
            try {
                prts.save(new StoredPrt(prt, grant.prt(), key.ref()));
            } catch (RuntimeException e) {
                PrtAccounts.deleteQuietly(keyStorages, key.ref());
                throw e;
            }
            replaced.map(StoredPrt::sessionKey).filter(r -> !r.equals(key.ref()))
                    .ifPresent(r -> PrtAccounts.deleteQuietly(keyStorages, r));
            succeeded(registration, PrtAttempt.Kind.ACQUIRE, upn, at, grant);
            return prt;
        } finally {
            Arrays.fill(sessionKey, (byte) 0);
        }
    }

    private UserCredential credential(Registration registration, TokenSourceSpec source, DeviceCodePrompt prompt) {
        if (source instanceof TokenSourceSpec.RefreshTokenFile f) {
            return credentials.refreshTokenFile(f.path());
        }
        return credentials.deviceCode(registration.tenantDetails(), UserCredentials.PRT_CLIENT_ID, SIGN_IN_SCOPE,
                prompt::show);
    }

    /** With an account named, a credential for another account is refused: no usable credential. */
    private static void requireAccount(Optional<String> account, Optional<String> upn, Optional<String> objectId) {
        if (account.isEmpty() || (upn.isEmpty() && objectId.isEmpty())) {
            return;
        }
        if (!PrtAccounts.names(account.get(), upn.orElse(""), objectId.orElse(""))) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the sign-in was as "
                    + upn.or(() -> objectId).orElse("another account") + ", not as " + account.get()
                    + "; nothing was saved", org.dsreg.domain.Remedy.say("sign in as " + account.get()), null);
        }
    }

    /** Runs one request to the token service; a failure is recorded as the last attempt, then thrown. */
    private PrtGrant attempt(Registration registration, PrtAttempt.Kind kind, Optional<String> account, Instant at,
                             Supplier<PrtGrant> request) {
        try {
            return request.get();
        } catch (TokenServiceException e) {
            record(registration, new PrtAttempt(at, kind, account, false, e.httpStatus(), e.errorCode(),
                    Optional.of(e.description()), e.traceId(), Optional.of(e.correlationId()), e.endpoint()));
            throw e;
        } catch (DsregException e) { // before any request: the device key, the transport key or the session key
            String local = kind == PrtAttempt.Kind.ACQUIRE ? "key-storage" : "session-key";
            record(registration, new PrtAttempt(at, kind, account, false, Optional.empty(), Optional.of(local),
                    Optional.ofNullable(e.getMessage()), Optional.empty(), Optional.empty(), endpoint(registration)));
            throw e;
        }
    }

    private void succeeded(Registration registration, PrtAttempt.Kind kind, String upn, Instant at, PrtGrant grant) {
        record(registration, new PrtAttempt(at, kind, Optional.of(upn), true, Optional.of(200), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(grant.correlationId()), grant.endpoint()));
    }

    private DsregException badReply(Registration registration, Instant at, PrtGrant grant, String why) {
        record(registration, new PrtAttempt(at, PrtAttempt.Kind.ACQUIRE, Optional.empty(), false, Optional.of(200),
                Optional.of("bad-reply"), Optional.of(why), Optional.empty(), Optional.of(grant.correlationId()),
                grant.endpoint()));
        return new DsregException(ErrorKind.QUERY_FAILED, why + "; nothing was saved", null, null);
    }

    /** Keeps the attempt; failing to keep it never hides what happened to the PRT. */
    private void record(Registration registration, PrtAttempt attempt) {
        try {
            prts.recordAttempt(registration.tenantId(), attempt);
        } catch (DsregException e) {
            // the attempt's own outcome is what the user must see
        }
    }

    private static String endpoint(Registration registration) {
        return registration.tenantDetails().accessTokenUrl().orElse("");
    }
}
