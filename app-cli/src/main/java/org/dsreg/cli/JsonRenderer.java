package org.dsreg.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceStatus;
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
final class JsonRenderer {
    static final String SCHEMA_VERSION = "1.0";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    void render(DeviceStatus status, PrintWriter out) {
        try {
            out.println(mapper.writeValueAsString(toJson(status)));
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
        status.registrations().forEach(r -> regs.add(registration(r)));

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
            n.put("hint", p.hint());
        }
        return root;
    }

    private ObjectNode registration(RegistrationStatus rs) {
        Registration r = rs.registration();
        ObjectNode n = mapper.createObjectNode();
        n.put("tenantId", r.tenantId().toString());
        n.put("deviceId", r.deviceId().toString());
        n.put("joinType", r.joinType().name());
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

    private static void putOptional(ObjectNode n, String field, Optional<String> value) {
        if (value.isPresent()) {
            n.put(field, value.get());
        } else {
            n.putNull(field);
        }
    }
}
