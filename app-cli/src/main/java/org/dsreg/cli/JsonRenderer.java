package org.dsreg.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import org.dsreg.domain.AccountState;
import org.dsreg.domain.BrokerConnection;
import org.dsreg.domain.BrokerError;
import org.dsreg.domain.BrokerInfo;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.PrtState;
import org.dsreg.domain.ServiceUnit;
import org.dsreg.domain.UserState;
import org.dsreg.domain.DeviceStatus;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.DomainMembership;
import org.dsreg.domain.JoinState;
import org.dsreg.domain.KeyStatus;
import org.dsreg.domain.Problem;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationStatus;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;

/**
 * The status as one JSON document, described by {@code docs/status.schema.json}. The field
 * {@code schemaVersion} changes its major number only on incompatible changes.
 */
final class JsonRenderer implements StatusRenderer {
    static final String SCHEMA_VERSION = "1.2";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void render(DeviceStatus status, Diagnostics diagnostics, PrintWriter out) {
        try {
            ObjectNode root = toJson(status);
            if (diagnostics != null) {
                ArrayNode list = root.putArray("diagnostics");
                for (Diagnostics.Result r : diagnostics.results()) {
                    ObjectNode n = list.addObject();
                    n.put("scope", r.scope());
                    n.put("test", r.test());
                    n.put("result", r.result().name());
                    n.put("detail", RemedyWords.detail(r));
                }
            }
            out.println(mapper.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    ObjectNode toJson(DeviceStatus status) {
        ObjectNode root = mapper.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("generatedAt", status.generatedAt().toString());
        root.put("registered", status.registered());

        JoinState j = status.joinState();
        ObjectNode state = root.putObject("deviceState");
        state.put("azureAdJoined", j.azureAdJoined());
        state.put("enterpriseJoined", j.enterpriseJoined());
        state.put("domainJoined", j.domainJoined());
        state.put("domainMembership", j.domain() instanceof DomainMembership.Joined ? "joined"
                : j.domain() instanceof DomainMembership.NotJoined ? "not-joined" : "unknown");
        putOptional(state, "domainName", j.domainName());
        state.put("workplaceJoined", j.workplaceJoined());
        state.put("deviceState", j.deviceState().name());

        ArrayNode regs = root.putArray("registrations");
        status.registrations().forEach(r -> regs.add(registration(r, status.generatedAt())));

        root.set("broker", broker(status.broker()));
        root.set("userState", userState(status.userState(), status.generatedAt()));

        ObjectNode host = root.putObject("host");
        host.put("hostname", status.host().hostname());
        host.put("osPrettyName", status.host().osPrettyName());
        host.put("osId", status.host().osId());
        host.put("osVersionId", status.host().osVersionId());

        ArrayNode problems = root.putArray("problems");
        for (Problem p : status.problems()) {
            ObjectNode n = problems.addObject();
            n.put("severity", p.severity().name());
            n.put("message", p.message());
            n.put("hint", RemedyWords.of(p.remedy()));
        }
        return root;
    }

    private ObjectNode registration(RegistrationStatus rs, java.time.Instant now) {
        Registration r = rs.registration();
        ObjectNode n = mapper.createObjectNode();
        n.put("tenantId", r.tenantId().toString());
        n.put("deviceId", r.deviceId().toString());
        n.put("joinType", r.joinType().name());
        putOptional(n, "deviceMode", r.deviceMode().map(Enum::name));
        n.put("source", r.source().name());
        putOptional(n, "registeredAt", r.registeredAt().map(Object::toString));

        CertificateInfo c = r.certificate();
        ObjectNode cert = n.putObject("certificate");
        cert.put("thumbprint", c.thumbprint().toString());
        cert.put("subject", c.subject());
        cert.put("issuer", c.issuer());
        cert.put("serialNumber", c.serialNumberHex());
        cert.put("notBefore", c.notBefore().toString());
        cert.put("notAfter", c.notAfter().toString());
        cert.put("validity", rs.certificateValidity().name());

        ObjectNode key = n.putObject("deviceKey");
        key.put("storage", r.deviceKey().storage());
        key.put("alias", r.deviceKey().alias());
        if (rs.deviceKey() instanceof KeyStatus.Present p) {
            key.put("status", "present");
            key.put("provider", p.protection().provider());
            key.put("providerDetails", p.protection().details());
            key.put("hardwareBacked", p.protection().hardwareBacked());
            key.put("matchesCertificate", p.matchesCertificate());
        } else if (rs.deviceKey() instanceof KeyStatus.Missing) {
            key.put("status", "missing");
        } else if (rs.deviceKey() instanceof KeyStatus.Unknown u) {
            key.put("status", "unknown");
            key.put("reason", u.reason());
        }
        n.put("tpmProtected", rs.tpmProtected());
        n.set("tenantDetails", tenantDetails(r.tenantDetails()));
        PrtJson.put(n, rs, now);
        return n;
    }

    private ObjectNode broker(BrokerInfo b) {
        ObjectNode n = mapper.createObjectNode();
        n.put("installed", b.installed());
        n.put("userBrokerInstalled", b.userBrokerInstalled());
        n.put("deviceBrokerInstalled", b.deviceBrokerInstalled());
        putOptional(n, "version", b.version());
        n.set("userBroker", connection(b.userBroker()));
        n.set("deviceBroker", connection(b.deviceBroker()));
        n.set("deviceService", unit(b.deviceService()));
        n.set("userService", unit(b.userService()));
        putOptional(n, "deviceMode", b.deviceMode());
        return n;
    }

    private ObjectNode connection(BrokerConnection c) {
        ObjectNode n = mapper.createObjectNode();
        if (c instanceof BrokerConnection.Reachable r) {
            n.put("state", "reachable");
            putOptional(n, "version", r.version());
        } else if (c instanceof BrokerConnection.NotInstalled) {
            n.put("state", "not-installed");
        } else if (c instanceof BrokerConnection.Unreachable u) {
            n.put("state", "unreachable");
            n.put("reason", u.reason());
        } else if (c instanceof BrokerConnection.Unknown u) {
            n.put("state", "unknown");
            n.put("reason", u.reason());
        } else if (c instanceof BrokerConnection.Starting s) {
            n.put("state", "starting");
            n.put("reason", RemedyWords.reason(s));
        } else if (c instanceof BrokerConnection.Failed f) {
            n.put("state", "error");
            n.set("error", error(f.error()));
        }
        return n;
    }

    private ObjectNode error(BrokerError e) {
        ObjectNode n = mapper.createObjectNode();
        n.put("errorCode", e.errorCode());
        n.put("status", e.status());
        n.put("subStatus", e.subStatus());
        n.put("tag", e.tag());
        n.put("context", e.context());
        return n;
    }

    private ObjectNode unit(ServiceUnit u) {
        ObjectNode n = mapper.createObjectNode();
        n.put("name", u.name());
        n.put("scope", u.scope().name());
        putOptional(n, "loadState", u.loadState());
        putOptional(n, "activeState", u.activeState());
        putOptional(n, "subState", u.subState());
        putOptional(n, "binaryPath", u.binaryPath());
        putOptional(n, "binaryTimestamp", u.binaryTimestamp().map(Object::toString));
        putOptional(n, "unknownReason", u.unknownReason());
        return n;
    }

    private ObjectNode userState(UserState state, java.time.Instant now) {
        ObjectNode n = mapper.createObjectNode();
        if (state instanceof UserState.Known k) {
            n.put("state", "known");
            ArrayNode accounts = n.putArray("accounts");
            for (AccountState a : k.accounts()) {
                ObjectNode acc = accounts.addObject();
                acc.put("username", a.account().username());
                putOptional(acc, "tenantId", a.account().tenantId().map(Object::toString));
                acc.put("homeAccountId", a.account().homeAccountId());
                acc.set("prt", prt(a.prt(), now));
            }
        } else if (state instanceof UserState.Unavailable u) {
            n.put("state", "unavailable");
            n.put("reason", u.reason());
        } else if (state instanceof UserState.Failed f) {
            n.put("state", "error");
            n.set("error", error(f.error()));
        }
        return n;
    }

    private ObjectNode prt(PrtState prt, java.time.Instant now) {
        ObjectNode n = mapper.createObjectNode();
        if (prt instanceof PrtState.Present p) {
            n.put("present", "yes");
            putOptional(n, "acquiredAt", p.acquiredAt().map(Object::toString));
            putOptional(n, "expiresAt", p.expiresAt().map(Object::toString));
            putOptional(n, "lastRefresh", p.lastRefresh().map(Object::toString));
            Optional<java.time.Duration> age = p.age(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
            if (age.isPresent()) {
                n.put("ageSeconds", age.get().toSeconds());
            } else {
                n.putNull("ageSeconds");
            }
            putOptional(n, "sessionKeyProtocol", p.sessionKeyProtocol());
        } else if (prt instanceof PrtState.Absent a) {
            n.put("present", "no");
            n.put("reason", a.reason());
        } else if (prt instanceof PrtState.Unknown u) {
            n.put("present", "unknown");
            n.put("reason", u.reason());
        }
        return n;
    }

    private ObjectNode tenantDetails(TenantDetails t) {
        ObjectNode n = mapper.createObjectNode();
        n.put("tenantId", t.tenantId().toString());
        putOptional(n, "tenantName", t.tenantName());
        putOptional(n, "displayName", t.displayName());
        putOptional(n, "authCodeUrl", t.authCodeUrl());
        putOptional(n, "accessTokenUrl", t.accessTokenUrl());
        putOptional(n, "mdmUrl", t.mdmUrl());
        putOptional(n, "mdmTouUrl", t.mdmTouUrl());
        putOptional(n, "mdmComplianceUrl", t.mdmComplianceUrl());
        endpoint(n, "joinService", t.joinService());
        endpoint(n, "keyService", t.keyService());
        endpoint(n, "webAuthnService", t.webAuthnService());
        endpoint(n, "deviceManagementService", t.deviceManagementService());
        return n;
    }

    private static void endpoint(ObjectNode parent, String name, Optional<ServiceEndpoint> e) {
        e.ifPresent(v -> {
            ObjectNode n = parent.putObject(name);
            n.put("version", v.version());
            n.put("url", v.url());
            n.put("id", v.id());
        });
    }

    static void putOptional(ObjectNode n, String field, Optional<String> value) {
        if (value.isPresent()) {
            n.put(field, value.get());
        } else {
            n.putNull(field);
        }
    }
}
