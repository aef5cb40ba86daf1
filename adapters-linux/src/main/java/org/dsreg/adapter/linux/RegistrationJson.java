package org.dsreg.adapter.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Printable;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;

/**
 * A registration file's format: one JSON object holding the whole registration (the certificate
 * inline, the keys by reference), and the checks that it agrees with itself.
 */
final class RegistrationJson {
    /** Bumped when the file layout changes incompatibly; older readers refuse newer files. */
    static final int FORMAT_VERSION = 1;

    /**
     * Made on first use: a status with no registration to read needs no JSON, and an ObjectMapper
     * costs a few hundred classes to start.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private RegistrationJson() {
    }

    /** A registration file that does not read or does not agree with itself; the message says why. */
    static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        Corrupt(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    static byte[] write(Registration registration) throws IOException {
        return Json.MAPPER.writeValueAsBytes(toJson(registration));
    }

    /** The registration in {@code bytes}, from the file named for tenant {@code named}. */
    static Registration read(byte[] bytes, TenantId named) throws Corrupt {
        try {
            Registration r = fromJson(Json.MAPPER.readTree(bytes));
            consistent(named, r, CertificateParser.parse(r.certificate().der()));
            return r;
        } catch (JsonProcessingException | CorruptStateException | DsregException | CertificateException
                 | IllegalArgumentException e) {
            throw new Corrupt(message(e), e);
        } catch (IOException e) {
            throw new Corrupt("unreadable", e);
        }
    }

    /**
     * A registration agrees with itself: the tenant its file is named for is the one it records and the
     * one its certificate's tenant extension names; the device id it records is its certificate's subject
     * and device-id extension.
     */
    private static void consistent(TenantId named, Registration r, java.security.cert.X509Certificate cert) {
        if (!named.equals(r.tenantId())) {
            throw new CorruptStateException("the file is named for tenant " + named + " but records tenant "
                    + r.tenantId());
        }
        CertificateParser.guidExtension(cert, CertificateParser.OID_TENANT_ID)
                .filter(t -> !t.equals(r.tenantId().value())).ifPresent(t -> {
                    throw new CorruptStateException("it records tenant " + r.tenantId() + " but its certificate is"
                            + " for tenant " + t);
                });
        String subject = CertificateParser.subjectCommonName(cert).orElse("");
        if (!subject.equalsIgnoreCase(r.deviceId().toString())) {
            throw new CorruptStateException("it records device " + r.deviceId() + " but its certificate's subject is '"
                    + Printable.of(subject).substring(0, Math.min(80, subject.length())) + "'");
        }
        CertificateParser.guidExtension(cert, CertificateParser.OID_DEVICE_ID)
                .filter(d -> !d.equals(r.deviceId().value())).ifPresent(d -> {
                    throw new CorruptStateException("its certificate's device id extension (" + d
                            + ") differs from its device " + r.deviceId());
                });
    }

    private static String message(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private static Registration fromJson(JsonNode root) throws CertificateException {
        if (!root.isObject()) {
            throw new CorruptStateException("not a JSON object");
        }
        int version = required(root, "formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new CorruptStateException("format version " + required(root, "formatVersion")
                    + " is not supported by this dsreg (it reads version " + FORMAT_VERSION + ")");
        }
        TenantId tenant = TenantId.parse(text(root, "tenantId"));
        byte[] der = Base64.getDecoder().decode(text(root, "certificate"));
        var cert = CertificateParser.parse(der);
        TenantDetails details = root.has("tenantDetails")
                ? tenantDetails(tenant, required(root, "tenantDetails"))
                : TenantDetails.onlyId(tenant);
        return new Registration(
                tenant,
                DeviceId.parse(text(root, "deviceId")),
                joinType(text(root, "joinType")),
                Optional.of(optionalText(root, "deviceMode").map(RegistrationJson::deviceMode)
                        .orElse(DeviceMode.EXCLUSIVE)), // dsreg asked for no shared device before it wrote the mode
                CertificateParser.info(cert),
                keyRef(required(root, "deviceKey")),
                root.has("transportKey") ? Optional.of(keyRef(required(root, "transportKey"))) : Optional.empty(),
                details,
                optionalText(root, "registeredAt").map(RegistrationJson::instant),
                RegistrationSource.DSREG,
                optionalText(root, "displayName"));
    }

    private static JoinType joinType(String s) {
        return constant(JoinType.class, "join type", s);
    }

    private static DeviceMode deviceMode(String s) {
        return constant(DeviceMode.class, "device mode", s);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String what, String s) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        throw new CorruptStateException(what + " '" + Printable.of(s) + "' is not one of "
                + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new CorruptStateException("'" + s + "' is not an ISO-8601 instant");
        }
    }

    private static KeyRef keyRef(JsonNode node) {
        return new KeyRef(text(node, "storage"), text(node, "alias"));
    }

    private static TenantDetails tenantDetails(TenantId tenant, JsonNode n) {
        Function<String, Optional<ServiceEndpoint>> endpoint = name -> n.has(name)
                ? Optional.of(new ServiceEndpoint(text(n.get(name), "version"), text(n.get(name), "url"),
                text(n.get(name), "id")))
                : Optional.empty();
        return new TenantDetails(tenant,
                optionalText(n, "tenantName"), optionalText(n, "displayName"),
                optionalText(n, "authCodeUrl"), optionalText(n, "accessTokenUrl"),
                optionalText(n, "mdmUrl"), optionalText(n, "mdmTouUrl"), optionalText(n, "mdmComplianceUrl"),
                endpoint.apply("joinService"), endpoint.apply("keyService"),
                endpoint.apply("webAuthnService"), endpoint.apply("deviceManagementService"));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new CorruptStateException("field '" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.isTextual()) {
            throw new CorruptStateException("field '" + field + "' is not a string");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? Optional.of(text(node, field)) : Optional.empty();
    }

    // --- writing --------------------------------------------------------------------------------

    private static ObjectNode toJson(Registration r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("tenantId", r.tenantId().toString());
        root.put("deviceId", r.deviceId().toString());
        root.put("joinType", r.joinType().name());
        r.deviceMode().ifPresent(m -> root.put("deviceMode", m.name()));
        r.registeredAt().ifPresent(t -> root.put("registeredAt", t.toString()));
        r.displayName().ifPresent(n -> root.put("displayName", n));
        root.put("certificate", Base64.getEncoder().encodeToString(r.certificate().der()));
        root.set("deviceKey", keyRef(r.deviceKey()));
        r.transportKey().ifPresent(k -> root.set("transportKey", keyRef(k)));
        TenantDetails d = r.tenantDetails();
        ObjectNode t = root.putObject("tenantDetails");
        d.tenantName().ifPresent(v -> t.put("tenantName", v));
        d.displayName().ifPresent(v -> t.put("displayName", v));
        d.authCodeUrl().ifPresent(v -> t.put("authCodeUrl", v));
        d.accessTokenUrl().ifPresent(v -> t.put("accessTokenUrl", v));
        d.mdmUrl().ifPresent(v -> t.put("mdmUrl", v));
        d.mdmTouUrl().ifPresent(v -> t.put("mdmTouUrl", v));
        d.mdmComplianceUrl().ifPresent(v -> t.put("mdmComplianceUrl", v));
        d.joinService().ifPresent(e -> t.set("joinService", endpoint(e)));
        d.keyService().ifPresent(e -> t.set("keyService", endpoint(e)));
        d.webAuthnService().ifPresent(e -> t.set("webAuthnService", endpoint(e)));
        d.deviceManagementService().ifPresent(e -> t.set("deviceManagementService", endpoint(e)));
        return root;
    }

    private static ObjectNode keyRef(KeyRef k) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("storage", k.storage());
        n.put("alias", k.alias());
        return n;
    }

    private static ObjectNode endpoint(ServiceEndpoint e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("version", e.version());
        n.put("url", e.url());
        n.put("id", e.id());
        return n;
    }

    /** State that parses but does not make sense. */
    private static final class CorruptStateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptStateException(String message) {
            super(message);
        }
    }
}
