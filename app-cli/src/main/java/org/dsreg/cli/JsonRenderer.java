package org.dsreg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import org.dsreg.domain.AccountState;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerError;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.IntuneAgent;
import org.dsreg.domain.JoinState;
import org.dsreg.domain.KeyStatus;
import org.dsreg.domain.Problem;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.UserState;

/**
 * The status as one JSON document, described by {@code docs/status.schema.json}. The field
 * {@code schemaVersion} changes its major number only on incompatible changes. Written as it is read from the status
 * ({@link JsonWriter}): members in the order written here.
 */
final class JsonRenderer implements StatusRenderer {
    static final String SCHEMA_VERSION = "1.3";

    @Override
    public void render(DeviceStatus status, Diagnostics diagnostics, PrintWriter out) {
        try {
            JsonWriter w = new JsonWriter().object();
            status(w, status);
            if (diagnostics != null) {
                w.array("diagnostics");
                for (Diagnostics.Result r : diagnostics.results()) {
                    w.object().put("scope", r.scope()).put("test", r.test()).put("result", r.result().name())
                            .put("detail", RemedyWords.detail(r)).endObject();
                }
                w.endArray();
                ManagementJson.write(w, diagnostics.management());
                if (diagnostics.intuneAgent().isPresent()) {
                    intuneAgent(w.object("intuneAgent"), diagnostics.intuneAgent().get()).endObject();
                }
            }
            out.println(w.endObject().text());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static void status(JsonWriter w, DeviceStatus status) throws IOException {
        w.put("schemaVersion", SCHEMA_VERSION);
        w.put("generatedAt", status.generatedAt().toString());
        w.put("registered", status.registered());

        JoinState j = status.joinState();
        w.object("deviceState");
        w.put("azureAdJoined", j.azureAdJoined());
        w.put("enterpriseJoined", j.enterpriseJoined());
        w.put("domainJoined", j.domainJoined());
        w.put("domainMembership", j.domain() instanceof DomainMembership.Joined ? "joined"
                : j.domain() instanceof DomainMembership.NotJoined ? "not-joined" : "unknown");
        w.putOptional("domainName", j.domainName());
        w.put("workplaceJoined", j.workplaceJoined());
        w.put("deviceState", j.deviceState().name());
        w.endObject();

        w.array("registrations");
        for (RegistrationStatus r : status.registrations()) {
            registration(w.object(), r, status.generatedAt());
            w.endObject();
        }
        w.endArray();

        broker(w.object("broker"), status.broker());
        w.endObject();
        userState(w.object("userState"), status.userState(), status.generatedAt());
        w.endObject();

        w.object("host");
        w.put("hostname", status.host().hostname());
        w.put("osPrettyName", status.host().osPrettyName());
        w.put("osId", status.host().osId());
        w.put("osVersionId", status.host().osVersionId());
        w.endObject();

        w.array("problems");
        for (Problem p : status.problems()) {
            w.object().put("severity", p.severity().name()).put("message", p.message())
                    .put("hint", RemedyWords.of(p.remedy())).endObject();
        }
        w.endArray();
    }

    private static void registration(JsonWriter w, RegistrationStatus rs, Instant now) throws IOException {
        Registration r = rs.registration();
        w.put("tenantId", r.tenantId().toString());
        w.put("deviceId", r.deviceId().toString());
        w.put("joinType", r.joinType().name());
        w.putOptional("deviceMode", r.deviceMode().map(Enum::name));
        w.put("source", r.source().name());
        w.putOptional("registeredAt", r.registeredAt().map(Object::toString));

        CertificateInfo c = r.certificate();
        w.object("certificate");
        w.put("thumbprint", c.thumbprint().toString());
        w.put("subject", c.subject());
        w.put("issuer", c.issuer());
        w.put("serialNumber", c.serialNumberHex());
        w.put("notBefore", c.notBefore().toString());
        w.put("notAfter", c.notAfter().toString());
        w.put("validity", rs.certificateValidity().name());
        w.endObject();

        w.object("deviceKey");
        w.put("storage", r.deviceKey().storage());
        w.put("alias", r.deviceKey().alias());
        if (rs.deviceKey() instanceof KeyStatus.Present p) {
            w.put("status", "present");
            w.put("provider", p.protection().provider());
            w.put("providerDetails", p.protection().details());
            w.put("hardwareBacked", p.protection().hardwareBacked());
            w.put("matchesCertificate", p.matchesCertificate());
        } else if (rs.deviceKey() instanceof KeyStatus.Missing) {
            w.put("status", "missing");
        } else if (rs.deviceKey() instanceof KeyStatus.Unknown u) {
            w.put("status", "unknown");
            w.put("reason", u.reason());
        }
        w.endObject();
        w.put("tpmProtected", rs.tpmProtected());
        if (rs.pendingReplacement().isPresent()) { // since 1.3, only when there is one
            var p = rs.pendingReplacement().get();
            w.object("pendingReplacement");
            w.put("kind", p.kind().name());
            w.put("previousDeviceId", p.previousDevice().toString());
            w.put("deviceId", p.newDevice().toString());
            w.put("keyStorage", p.newDeviceKey().storage());
            w.endObject();
        }
        tenantDetails(w.object("tenantDetails"), r.tenantDetails());
        w.endObject();
        PrtJson.put(w, rs, now);
    }

    private static void broker(JsonWriter w, BrokerInfo b) throws IOException {
        w.put("installed", b.installed());
        w.put("userBrokerInstalled", b.userBrokerInstalled());
        w.put("deviceBrokerInstalled", b.deviceBrokerInstalled());
        w.putOptional("version", b.version());
        connection(w.object("userBroker"), b.userBroker()).endObject();
        connection(w.object("deviceBroker"), b.deviceBroker()).endObject();
        unit(w.object("deviceService"), b.deviceService()).endObject();
        unit(w.object("userService"), b.userService()).endObject();
        w.putOptional("deviceMode", b.deviceMode());
    }

    private static JsonWriter connection(JsonWriter w, BrokerConnection c) throws IOException {
        if (c instanceof BrokerConnection.Reachable r) {
            w.put("state", "reachable");
            w.putOptional("version", r.version());
        } else if (c instanceof BrokerConnection.NotInstalled) {
            w.put("state", "not-installed");
        } else if (c instanceof BrokerConnection.Unreachable u) {
            w.put("state", "unreachable");
            w.put("reason", u.reason());
        } else if (c instanceof BrokerConnection.Unknown u) {
            w.put("state", "unknown");
            w.put("reason", u.reason());
        } else if (c instanceof BrokerConnection.Starting s) {
            w.put("state", "starting");
            w.put("reason", RemedyWords.reason(s));
        } else if (c instanceof BrokerConnection.Failed f) {
            w.put("state", "error");
            error(w, f.error());
        }
        return w;
    }

    private static void error(JsonWriter w, BrokerError e) throws IOException {
        w.object("error").put("errorCode", e.errorCode()).put("status", e.status()).put("subStatus", e.subStatus())
                .put("tag", e.tag()).put("context", e.context()).endObject();
    }

    /** Since 1.3: the Intune agent's files found and its user units (with --diagnose). */
    private static JsonWriter intuneAgent(JsonWriter w, IntuneAgent a) throws IOException {
        w.put("installed", a.installed());
        w.array("files");
        for (String f : a.files()) {
            w.value(f);
        }
        w.endArray();
        unit(w.object("timer"), a.timer()).endObject();
        return unit(w.object("service"), a.service()).endObject();
    }

    private static JsonWriter unit(JsonWriter w, ServiceUnit u) throws IOException {
        w.put("name", u.name());
        w.put("scope", u.scope().name());
        w.putOptional("loadState", u.loadState());
        w.putOptional("activeState", u.activeState());
        w.putOptional("subState", u.subState());
        w.putOptional("binaryPath", u.binaryPath());
        w.putOptional("binaryTimestamp", u.binaryTimestamp().map(Object::toString));
        return w.putOptional("unknownReason", u.unknownReason());
    }

    private static void userState(JsonWriter w, UserState state, Instant now) throws IOException {
        if (state instanceof UserState.Known k) {
            w.put("state", "known");
            w.array("accounts");
            for (AccountState a : k.accounts()) {
                w.object();
                w.put("username", a.account().username());
                w.putOptional("tenantId", a.account().tenantId().map(Object::toString));
                w.put("homeAccountId", a.account().homeAccountId());
                prt(w.object("prt"), a.prt(), now);
                w.endObject().endObject();
            }
            w.endArray();
        } else if (state instanceof UserState.Unavailable u) {
            w.put("state", "unavailable");
            w.put("reason", u.reason());
        } else if (state instanceof UserState.Failed f) {
            w.put("state", "error");
            error(w, f.error());
        }
    }

    private static void prt(JsonWriter w, PrtState prt, Instant now) throws IOException {
        if (prt instanceof PrtState.Present p) {
            w.put("present", "yes");
            w.putOptional("acquiredAt", p.acquiredAt().map(Object::toString));
            w.putOptional("expiresAt", p.expiresAt().map(Object::toString));
            w.putOptional("lastRefresh", p.lastRefresh().map(Object::toString));
            Optional<java.time.Duration> age = p.age(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
            if (age.isPresent()) {
                w.put("ageSeconds", age.get().toSeconds());
            } else {
                w.putNull("ageSeconds");
            }
            w.putOptional("sessionKeyProtocol", p.sessionKeyProtocol());
        } else if (prt instanceof PrtState.Absent a) {
            w.put("present", "no");
            w.put("reason", a.reason());
        } else if (prt instanceof PrtState.Unknown u) {
            w.put("present", "unknown");
            w.put("reason", u.reason());
        }
    }

    private static void tenantDetails(JsonWriter w, TenantDetails t) throws IOException {
        w.put("tenantId", t.tenantId().toString());
        w.putOptional("tenantName", t.tenantName());
        w.putOptional("displayName", t.displayName());
        w.putOptional("authCodeUrl", t.authCodeUrl());
        w.putOptional("accessTokenUrl", t.accessTokenUrl());
        w.putOptional("mdmUrl", t.mdmUrl());
        w.putOptional("mdmTouUrl", t.mdmTouUrl());
        w.putOptional("mdmComplianceUrl", t.mdmComplianceUrl());
        endpoint(w, "joinService", t.joinService());
        endpoint(w, "keyService", t.keyService());
        endpoint(w, "webAuthnService", t.webAuthnService());
        endpoint(w, "deviceManagementService", t.deviceManagementService());
    }

    private static void endpoint(JsonWriter w, String name, Optional<ServiceEndpoint> e) throws IOException {
        if (e.isPresent()) {
            ServiceEndpoint v = e.get();
            w.object(name).put("version", v.version()).put("url", v.url()).put("id", v.id()).endObject();
        }
    }
}
