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
    private final PostJoinDiagnosis postJoin;
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
        this.postJoin = new PostJoinDiagnosis(drs, keyStorages, clock);
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
            results.addAll(postJoin.results(r));
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

    static Diagnostics.Result pass(String scope, String test, String detail) {
        return new Diagnostics.Result(scope, test, Outcome.PASS, detail);
    }

    static Diagnostics.Result fail(String scope, String test, String detail) {
        return new Diagnostics.Result(scope, test, Outcome.FAIL, detail);
    }

    static Diagnostics.Result skip(String scope, String test, String detail) {
        return new Diagnostics.Result(scope, test, Outcome.SKIPPED, detail);
    }
}
