package org.dsreg.application;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.Account;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.ManagementCheck;
import org.dsreg.domain.PrtRecords;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.Remedy;
import org.dsreg.port.in.GetTokenCommand;
import org.dsreg.port.in.GetTokenUseCase;
import org.dsreg.port.out.BrokerException;
import org.dsreg.port.out.BrokerRegistrations;
import org.dsreg.port.out.GraphDevices;
import org.dsreg.port.out.GraphException;
import org.dsreg.port.out.HostFacts;
import org.dsreg.port.out.PrtStore;
import org.dsreg.port.out.TokenRequest;
import org.dsreg.port.out.TokenServiceException;
import org.dsreg.port.out.UserBroker;

/**
 * The "Device Management" section of each registration: a Graph token (dsreg's registrations: through dsreg's PRT;
 * the Microsoft broker's: the user broker's {@code acquireTokenSilently}), Graph's device, and the verdicts
 * ({@link ManagementVerdicts}). No token, or Graph's 403, skips the section with why; nothing here changes state.
 */
public final class ManagementDiagnosis {
    /**
     * The client a Graph token is asked for: Microsoft Azure CLI, a first-party public client whose delegated Graph
     * permission ({@code Directory.AccessAsUser.All}) is pre-consented in every tenant, so a member may read devices
     * as the directory lets them (docs/protocol.md "Microsoft Graph").
     */
    public static final String GRAPH_CLIENT_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
    /** The scope: Graph by its application id, the same in every cloud. */
    public static final String GRAPH_SCOPE = GraphDevices.GRAPH_APP_ID + "/.default";
    /** The broker path's redirect URI: the brokered redirect of a first-party client (as the PRT path sends). */
    static final String BROKER_REDIRECT_URI = "ms-appx-web://Microsoft.AAD.BrokerPlugin/" + GRAPH_CLIENT_ID;

    static final String OBJECT = "Device Object Test";
    /** The token service's code for a disabled device ("Device used during the authentication is disabled."). */
    static final String DEVICE_DISABLED = "AADSTS135011";
    /** The token service's code for a device it does not know ("Device object was not found in the tenant"). */
    static final String DEVICE_NOT_FOUND = "AADSTS700003";

    private final GraphDevices graph;
    private final GetTokenUseCase prtTokens;
    private final PrtStore prts;
    private final UserBroker broker;
    private final BrokerRegistrations brokerRegistrations;
    private final ManagementVerdicts verdicts;

    public ManagementDiagnosis(GraphDevices graph, GetTokenUseCase prtTokens, PrtStore prts, UserBroker broker,
                               BrokerRegistrations brokerRegistrations, HostFacts host, Clock clock) {
        this.graph = graph;
        this.prtTokens = prtTokens;
        this.prts = prts;
        this.broker = broker;
        this.brokerRegistrations = brokerRegistrations;
        this.verdicts = new ManagementVerdicts(host, clock);
    }

    /**
     * Refuses a {@code graphUrl} that is neither Microsoft Graph nor a host of the device registration service of
     * the tenant of every registration looked up ({@link GraphHosts}): before anything is asked of anyone.
     */
    void checkGraphUrl(List<Registration> own, Optional<org.dsreg.domain.TenantId> tenant, URI graphUrl) {
        if (!GraphHosts.isMicrosoftGraph(graphUrl)) {
            GraphHosts.check(graphUrl, registrations(own, tenant), own);
        }
    }

    /** dsreg's {@code own} registrations and the broker's (of {@code tenant}, when given). */
    private List<Registration> registrations(List<Registration> own, Optional<org.dsreg.domain.TenantId> tenant) {
        List<Registration> all = new ArrayList<>(own);
        brokerRegistrations.read().registrations().stream()
                .filter(r -> tenant.map(r.tenantId()::equals).orElse(true)).forEach(all::add);
        return all;
    }

    /** The sections and the verdicts, for dsreg's {@code own} registrations and the broker's of the same tenants. */
    Diagnostics management(List<Registration> own, Optional<org.dsreg.domain.TenantId> tenant, URI graphUrl) {
        List<Registration> all = registrations(own, tenant);
        GraphHosts.check(graphUrl, all, own);
        List<Diagnostics.Result> results = new ArrayList<>();
        List<ManagementCheck> checks = new ArrayList<>();
        for (Registration r : all) {
            ManagementCheck check = check(r, graphUrl);
            checks.add(check);
            results.addAll(verdicts.of(check, r));
        }
        return new Diagnostics(results, checks);
    }

    private ManagementCheck check(Registration r, URI graphUrl) {
        ManagementCheck.Lookup lookup;
        Token token = r.source() == RegistrationSource.DSREG ? prtToken(r) : brokerToken(r);
        if (token.token().isEmpty()) {
            lookup = token.skipped();
        } else {
            lookup = lookup(r, graphUrl, token.token().get());
        }
        return new ManagementCheck(r.tenantId(), r.deviceId(), r.source(), lookup);
    }

    private ManagementCheck.Lookup lookup(Registration r, URI graphUrl, AccessToken token) {
        try {
            return graph.device(graphUrl, token, r.deviceId()).<ManagementCheck.Lookup>map(ManagementCheck.Found::new)
                    .orElse(new ManagementCheck.NotFound(ManagementCheck.NotFound.GRAPH));
        } catch (GraphException e) {
            if (e.httpStatus() == 403) {
                return skipped("Microsoft Graph refused to show the device (" + e.getMessage() + "): the account, or"
                        + " the client's consent, does not allow reading devices", Remedy.say("ask an administrator"
                        + " whether members may read devices in this tenant"));
            }
            return new ManagementCheck.Failed(e.getMessage());
        }
    }

    /** A token through dsreg's PRT: the first account's whose PRT has not expired. */
    private Token prtToken(Registration r) {
        PrtRecords records = prts.read(r.tenantId());
        if (records instanceof PrtRecords.RootOnly) {
            return new Token(skipped("no Graph token: dsreg's PRTs are readable by root only", new Remedy.RunAsRoot()));
        }
        if (records instanceof PrtRecords.Unreadable u) {
            return new Token(skipped("no Graph token: dsreg's PRT files cannot be read: " + u.reason(), null));
        }
        Optional<DsregPrt> prt = records instanceof PrtRecords.Known k ? k.prts().stream()
                .filter(p -> !p.expiredAt(verdicts.now())).findFirst() : Optional.empty();
        if (prt.isEmpty()) {
            return new Token(skipped("no Graph token: dsreg holds no live PRT for this registration",
                    new Remedy.RefreshPrt(r.tenantId())));
        }
        try {
            return new Token(prtTokens.getToken(new GetTokenCommand(r.tenantId(), GRAPH_CLIENT_ID, GRAPH_SCOPE,
                    Optional.of(prt.get().objectId()))).token());
        } catch (TokenServiceException e) {
            // the device's own request refused for the device's sake: the answer Graph would have given
            Optional<String> code = e.errorCode();
            if (code.equals(Optional.of(DEVICE_DISABLED))) {
                return new Token(new ManagementCheck.Disabled("the token service refused the device's request: "
                        + e.getMessage()));
            }
            if (code.equals(Optional.of(DEVICE_NOT_FOUND))) {
                return new Token(new ManagementCheck.NotFound("the token service does not know the device: "
                        + e.getMessage()));
            }
            return new Token(noPrtToken(prt.get(), e));
        } catch (DsregException e) {
            return new Token(noPrtToken(prt.get(), e));
        }
    }

    private static ManagementCheck.Skipped noPrtToken(DsregPrt prt, DsregException e) {
        return skipped("no Graph token through the PRT of " + prt.upn() + ": " + e.getMessage(), null);
    }

    /** A token from the user broker, for its account of the registration's tenant. */
    private Token brokerToken(Registration r) {
        try {
            List<Account> accounts = broker.accounts().stream()
                    .filter(a -> a.tenantId().map(r.tenantId()::equals).orElse(false)).toList();
            if (accounts.isEmpty()) {
                return new Token(skipped("no Graph token: the identity broker holds no account of tenant "
                        + r.tenantId(), null));
            }
            return new Token(broker.acquireTokenSilently(accounts.get(0), new TokenRequest(GRAPH_CLIENT_ID,
                    BROKER_REDIRECT_URI, AcquireDrsTokenService.AUTHORITY + r.tenantId(), List.of(GRAPH_SCOPE))));
        } catch (BrokerException e) {
            return new Token(skipped("no Graph token from the identity broker: " + e.getMessage(), null));
        }
    }

    private static ManagementCheck.Skipped skipped(String reason, Remedy remedy) {
        return new ManagementCheck.Skipped(reason, Optional.ofNullable(remedy));
    }

    /** A token, or what its absence tells (why it was skipped, or that the device is disabled or gone). */
    private record Token(Optional<AccessToken> token, ManagementCheck.Lookup skipped) {
        Token(AccessToken token) {
            this(Optional.of(token), null);
        }

        Token(ManagementCheck.Lookup skipped) {
            this(Optional.empty(), skipped);
        }
    }
}
