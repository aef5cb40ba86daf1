package org.dsreg.application;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dsreg.domain.CertificateValidity;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.IntuneAgent;
import org.dsreg.domain.Registration;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantId;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.AcquireDrsTokenCommand;
import org.dsreg.port.in.AcquireDrsTokenUseCase;
import org.dsreg.port.in.DiagnoseCommand;
import org.dsreg.port.in.DiagnoseUseCase;
import org.dsreg.port.in.RefreshPrtUseCase;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.IntuneInstallation;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.port.out.ProxyRoutes;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.ServiceManager;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;

/** The diagnostics of {@code dsreg --diagnose}; each test says PASS, FAIL with the reason, or SKIPPED with why. */
public final class DiagnoseService implements DiagnoseUseCase {
    private final DeviceRegistrationService drs;
    private final AcquireDrsTokenUseCase brokerTokens;
    private final RegistrationStore store;
    private final KeyStorages keyStorages;
    private final Clock clock;
    private final URI drsUrl;
    private final ProxyDiagnosis proxies;
    private final PrtDiagnosis prts;
    private final ManagementDiagnosis management;
    private final IntuneAgentDiagnosis intune;

    /**
     * {@code prts} and {@code refreshPrt}: the PRT tests of each of dsreg's registrations ({@link PrtDiagnosis});
     * {@code management}: the Device Management sections, after them (a renewed PRT gets the Graph token);
     * {@code services} and {@code intuneInstallation}: the Intune agent's rows ({@link IntuneAgentDiagnosis}).
     */
    public DiagnoseService(DeviceRegistrationService drs, AcquireDrsTokenUseCase brokerTokens, RegistrationStore store,
                           KeyStorages keyStorages, PrtStore prts, RefreshPrtUseCase refreshPrt, Clock clock,
                           URI drsUrl, ProxyRoutes proxyRoutes, ManagementDiagnosis management,
                           ServiceManager services, IntuneInstallation intuneInstallation) {
        this.drs = drs;
        this.brokerTokens = brokerTokens;
        this.store = store;
        this.keyStorages = keyStorages;
        this.clock = clock;
        this.drsUrl = drsUrl;
        this.proxies = new ProxyDiagnosis(proxyRoutes);
        this.prts = new PrtDiagnosis(prts, refreshPrt, clock);
        this.management = management;
        this.intune = new IntuneAgentDiagnosis(services, intuneInstallation);
    }

    @Override
    public Diagnostics diagnose(DiagnoseCommand command) {
        List<Registration> registrations = store.list().stream()
                .filter(r -> command.tenant().map(r.tenantId()::equals).orElse(true)).toList();
        management.checkGraphUrl(registrations, command.tenant(), command.graphUrl()); // before any request
        Set<TenantId> tenants = new LinkedHashSet<>();
        command.tenant().ifPresent(tenants::add);
        registrations.forEach(r -> tenants.add(r.tenantId()));
        List<Diagnostics.Result> results = new ArrayList<>();
        if (tenants.isEmpty()) {
            results.add(new Diagnostics.Result("pre-join", "DRS Discovery Test", Outcome.SKIPPED,
                    "no tenant to test: this device is not registered", Optional.of(new Remedy.GiveTenant())));
            // the proxy settings are checked all the same: a malformed variable is reported on any machine
            results.add(proxies.result("pre-join", Map.of("DRS discovery", drsUrl.toString())));
        }
        for (TenantId tenant : tenants) {
            preJoin(tenant, registrations, results);
        }
        for (Registration r : registrations) {
            postJoin(r, results);
            results.addAll(prts.results(r));
        }
        Diagnostics managed = management.management(registrations, command.tenant(), command.graphUrl());
        results.addAll(managed.results());
        IntuneAgent agent = intune.agent();
        results.addAll(intune.results(agent));
        return new Diagnostics(results, managed.management(), Optional.of(agent));
    }

    private void preJoin(TenantId tenant, List<Registration> registrations, List<Diagnostics.Result> results) {
        String scope = "tenant " + tenant;
        Optional<Discovery> discovery = Optional.empty();
        try {
            Discovery d = drs.discover(tenant.toString());
            discovery = Optional.of(d);
            results.add(pass(scope, "DRS Discovery Test", d.details().tenantName().map(n -> "tenant " + n)
                    .orElse("discovery answered") + ", join service " + d.details().joinService()
                    .map(ServiceEndpoint::url).orElse("?")));
            refreshTenantDetails(d, registrations);
        } catch (DsregException e) {
            results.add(fail(scope, "DRS Discovery Test", e.getMessage()));
        }

        Optional<String> joinUrl = discovery.flatMap(d -> d.details().joinService()).map(ServiceEndpoint::url);
        if (joinUrl.isEmpty()) {
            results.add(skip(scope, "DRS Connectivity Test", "discovery did not name a join service"));
            results.add(skip(scope, "Clock Skew Test", "no DRS to compare with"));
        } else {
            try {
                DeviceRegistrationService.Probe probe = drs.probe(joinUrl.get());
                results.add(pass(scope, "DRS Connectivity Test", "HTTPS to " + URI.create(joinUrl.get()).getHost()
                        + " answered HTTP " + probe.httpStatus()));
                results.add(probe.serverDate().map(date -> skew(scope, date))
                        .orElse(skip(scope, "Clock Skew Test", "DRS sent no Date header")));
            } catch (DsregException e) {
                results.add(fail(scope, "DRS Connectivity Test", e.getMessage()));
                results.add(skip(scope, "Clock Skew Test", "DRS could not be reached"));
            }
        }

        try {
            brokerTokens.acquireDrsToken(new AcquireDrsTokenCommand(Optional.of(tenant), Optional.empty()));
            results.add(pass(scope, "Token Acquisition Test", "the identity broker gave a DRS token"));
        } catch (DsregException e) {
            results.add(e.kind() == ErrorKind.NOT_AVAILABLE
                    ? skip(scope, "Token Acquisition Test", "no identity broker to ask: " + e.getMessage())
                    : fail(scope, "Token Acquisition Test", e.getMessage()));
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("DRS discovery", drsUrl.toString());
        joinUrl.ifPresent(u -> endpoints.put("join service", u));
        discovery.flatMap(d -> d.details().accessTokenUrl()).ifPresent(u -> endpoints.put("token endpoint", u));
        results.add(proxies.result(scope, endpoints));
    }

    private Diagnostics.Result skew(String scope, Instant serverDate) {
        Duration skew = Duration.between(serverDate, clock.instant());
        String what = describe(skew.abs()) + (skew.isNegative() ? " behind" : " ahead of") + " DRS";
        if (skew.abs().compareTo(MAX_SKEW) > 0) {
            return fail(scope, "Clock Skew Test", "this clock is " + what + " (at most " + MAX_SKEW.toMinutes()
                    + " min pass; check timedatectl and NTP)");
        }
        return pass(scope, "Clock Skew Test", "this clock is " + what);
    }

    /** A registration's tenant details are refreshed from discovery when they changed, if they can be written. */
    private void refreshTenantDetails(Discovery d, List<Registration> registrations) {
        for (Registration r : registrations) {
            if (r.tenantId().equals(d.details().tenantId()) && !r.tenantDetails().equals(d.details())) {
                try {
                    store.save(r.withTenantDetails(d.details()));
                } catch (DsregException e) {
                    // read-only state (not root): the details are shown from discovery, not stored
                }
            }
        }
    }

    private void postJoin(Registration r, List<Diagnostics.Result> results) {
        String scope = "device " + r.deviceId();
        Instant now = clock.instant();
        CertificateValidity validity = r.certificate().validityAt(now);
        results.add(switch (validity) {
            case VALID -> pass(scope, "Certificate Validity Test", "valid until " + r.certificate().notAfter()
                    + " (" + describe(r.certificate().timeToExpiry(now)) + " left)");
            case EXPIRED -> fail(scope, "Certificate Validity Test", "expired " + r.certificate().notAfter());
            case NOT_YET_VALID -> fail(scope, "Certificate Validity Test", "not valid before "
                    + r.certificate().notBefore() + " (check the clock)");
        });

        Optional<KeyStorage> storage;
        try {
            storage = keyStorages.find(r.deviceKey().storage());
        } catch (DsregException e) {
            storage = Optional.empty();
            results.add(fail(scope, "Device Key Present Test", e.getMessage()));
        }
        if (storage.isEmpty()) {
            results.add(fail(scope, "Device Key Present Test", "key storage '" + r.deviceKey().storage()
                    + "' is not available here"));
            results.add(skip(scope, "KeySignTest", "no key storage"));
            results.add(skip(scope, "DeviceAuthStatus", "no key storage"));
            return;
        }
        KeyStorage keys = storage.get();
        boolean present;
        try {
            Optional<PublicKey> key = keys.publicKey(r.deviceKey().alias());
            present = key.isPresent();
            if (!present) {
                results.add(fail(scope, "Device Key Present Test", "no key " + r.deviceKey() + " in its storage"));
            } else if (!r.certificate().certifiesKey(key.get().getEncoded())) {
                present = false;
                results.add(fail(scope, "Device Key Present Test", "the key " + r.deviceKey()
                        + " is not the certificate's"));
            } else {
                results.add(pass(scope, "Device Key Present Test", r.deviceKey() + " in "
                        + keys.protection().provider()));
            }
        } catch (DsregException e) {
            present = false;
            results.add(fail(scope, "Device Key Present Test", e.getMessage()));
        }
        if (!present) {
            results.add(skip(scope, "KeySignTest", "no usable device key"));
            results.add(skip(scope, "DeviceAuthStatus", "no usable device key"));
            return;
        }
        results.add(keySignTest(scope, r, keys));
        results.add(deviceAuth(scope, r, keys));
    }

    /** Sign with the device key, verify with the certificate's public key. */
    private Diagnostics.Result keySignTest(String scope, Registration r, KeyStorage keys) {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            SignatureScheme scheme = SignatureScheme.RSA_PKCS1_SHA256;
            byte[] sig = keys.sign(r.deviceKey().alias(), scheme, challenge);
            Signature verifier = scheme.newSignature();
            verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(r.certificate().publicKeyInfo())));
            verifier.update(challenge);
            return verifier.verify(sig) ? pass(scope, "KeySignTest", "PASSED")
                    : fail(scope, "KeySignTest", "the signature does not verify with the certificate's key");
        } catch (DsregException e) {
            return fail(scope, "KeySignTest", e.getMessage());
        } catch (GeneralSecurityException e) {
            return fail(scope, "KeySignTest", "cannot verify: " + e.getMessage());
        }
    }

    private Diagnostics.Result deviceAuth(String scope, Registration r, KeyStorage keys) {
        Optional<ServiceEndpoint> join = r.tenantDetails().joinService();
        if (join.isEmpty()) {
            return skip(scope, "DeviceAuthStatus", "the registration names no join service (see DRS Discovery Test)");
        }
        try {
            DeviceRegistrationService.DeviceObject device =
                    drs.readDevice(join.get(), r.deviceId(), r.certificate(), keys, r.deviceKey().alias());
            if (!device.enabled()) {
                return fail(scope, "DeviceAuthStatus", "FAILED. Device is either disabled or deleted (DRS says"
                        + " device " + r.deviceId() + " is disabled: an administrator can enable it in the Microsoft"
                        + " Entra admin center)");
            }
            return pass(scope, "DeviceAuthStatus", "SUCCESS");
        } catch (DrsException e) {
            if (e.httpStatus() == 404 || e.httpStatus() == 403 || e.httpStatus() == 401) {
                return fail(scope, "DeviceAuthStatus", "FAILED. Device is either disabled or deleted ("
                        + e.getMessage() + ")");
            }
            return fail(scope, "DeviceAuthStatus", "FAILED. ERROR: " + e.getMessage());
        } catch (DsregException e) {
            return fail(scope, "DeviceAuthStatus", "FAILED. ERROR: " + e.getMessage());
        }
    }

    static String describe(Duration d) {
        long s = d.toSeconds();
        if (s >= 2 * 86400) {
            return (s / 86400) + " days";
        }
        if (s >= 3600) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        if (s >= 60) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return s + " s";
    }

    private static Diagnostics.Result pass(String scope, String test, String detail) {
        return new Diagnostics.Result(scope, test, Outcome.PASS, detail);
    }

    private static Diagnostics.Result fail(String scope, String test, String detail) {
        return new Diagnostics.Result(scope, test, Outcome.FAIL, detail);
    }

    private static Diagnostics.Result skip(String scope, String test, String detail) {
        return new Diagnostics.Result(scope, test, Outcome.SKIPPED, detail);
    }
}
