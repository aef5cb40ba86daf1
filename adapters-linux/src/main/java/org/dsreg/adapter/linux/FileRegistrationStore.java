package org.dsreg.adapter.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.inject.Inject;
import org.dsreg.domain.CorruptRegistration;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.KeyRef;
import org.dsreg.domain.Registration;
import org.dsreg.domain.RegistrationSource;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.RegistrationStore;
import org.dsreg.port.out.StateDirectory;

/**
 * Registrations as one JSON file per tenant: {@code <state>/registrations/<tenant-id>.json}.
 * Each file holds the whole registration (the certificate inline, the keys by reference), so
 * saving is one atomic rename. Registration files hold no secret and are world-readable (0644),
 * so that any user's {@code dsreg --status} can report them; keys live apart, in 0700 directories.
 */
public final class FileRegistrationStore implements RegistrationStore {
    /** Bumped when the file layout changes incompatibly; older readers refuse newer files. */
    static final int FORMAT_VERSION = 1;
    private static final String SUFFIX = ".json";
    private static final String DIRECTORY = "registrations";

    private final LinuxPaths paths;

    /**
     * Made on first use: a status with no registration to read needs no JSON, and an ObjectMapper
     * costs a few hundred classes to start.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Inject
    public FileRegistrationStore(LinuxPaths paths) {
        this.paths = paths;
    }

    @Override
    public List<Registration> list() {
        List<Registration> found = new ArrayList<>();
        scan(found, new ArrayList<>());
        found.sort(Comparator.comparing(r -> r.tenantId().toString()));
        return found;
    }

    @Override
    public List<CorruptRegistration> corrupt() {
        List<CorruptRegistration> corrupt = new ArrayList<>();
        scan(new ArrayList<>(), corrupt);
        return corrupt;
    }

    /** Reads every registration file: the sound ones into {@code found}, the others into {@code corrupt}. */
    private void scan(List<Registration> found, List<CorruptRegistration> corrupt) {
        try (StateDirectory dir = registrations().orElse(null)) {
            if (dir == null) {
                return; // nothing was ever registered here
            }
            for (String name : dir.names()) {
                String stem = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
                if (!name.startsWith(".") && TenantId.looksLikeGuid(stem)) {
                    if (!stem.equals(TenantId.parse(stem).toString())) {
                        corrupt.add(new CorruptRegistration(dir.path().resolve(name).toString(),
                                Optional.of(TenantId.parse(stem)), "its name is not the tenant id in lower case,"
                                + " as dsreg names registration files"));
                        continue;
                    }
                    try {
                        read(dir, name).ifPresent(found::add);
                    } catch (CorruptFile e) {
                        corrupt.add(new CorruptRegistration(dir.path().resolve(name).toString(),
                                Optional.of(TenantId.parse(stem)), e.reason));
                    }
                }
            }
        }
    }

    @Override
    public Optional<Registration> find(TenantId tenant) {
        try (StateDirectory dir = registrations().orElse(null)) {
            return dir == null ? Optional.empty() : read(dir, fileOf(tenant));
        }
    }

    @Override
    public void save(Registration registration) {
        if (registration.source() != RegistrationSource.DSREG) {
            throw new IllegalArgumentException("only dsreg's own registrations are stored here");
        }
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(toJson(registration));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a registration always serialises", e);
        }
        try (StateDirectory dir = paths.createStateSubdirectory(DIRECTORY)) {
            dir.replace(fileOf(registration.tenantId()), json, StateDirectory.FILE_0644);
        }
    }

    @Override
    public boolean delete(TenantId tenant) {
        try (StateDirectory dir = registrations().orElse(null)) {
            return dir != null && dir.delete(fileOf(tenant));
        }
    }

    /** {@code <state>/registrations}, opened and checked; empty when there is none yet. */
    private Optional<StateDirectory> registrations() {
        return paths.openStateSubdirectory(DIRECTORY);
    }

    private static String fileOf(TenantId tenant) {
        return tenant + SUFFIX;
    }

    // --- reading --------------------------------------------------------------------------------

    private Optional<Registration> read(StateDirectory dir, String name) {
        Optional<byte[]> bytes = dir.read(name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        TenantId named = TenantId.parse(name.substring(0, name.length() - SUFFIX.length()));
        try {
            JsonNode root = Json.MAPPER.readTree(bytes.get());
            Registration r = fromJson(root);
            consistent(named, r, CertificateParser.parse(r.certificate().der()));
            return Optional.of(r);
        } catch (JsonProcessingException | CorruptStateException | DsregException | CertificateException
                 | IllegalArgumentException e) {
            throw new CorruptFile(dir.path().resolve(name), message(e), e);
        } catch (IOException e) {
            throw new CorruptFile(dir.path().resolve(name), "unreadable", e);
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
                    + subject.replaceAll("\\p{Cntrl}", "?").substring(0, Math.min(80, subject.length())) + "'");
        }
        CertificateParser.guidExtension(cert, CertificateParser.OID_DEVICE_ID)
                .filter(d -> !d.equals(r.deviceId().value())).ifPresent(d -> {
                    throw new CorruptStateException("its certificate's device id extension (" + d
                            + ") differs from its device " + r.deviceId());
                });
    }

    /** A registration file that is corrupt: as a failure of {@link #find}, exit 3 naming it. */
    private static final class CorruptFile extends DsregException {
        private static final long serialVersionUID = 1L;
        final String reason;

        CorruptFile(Path file, String reason, Throwable cause) {
            super(ErrorKind.QUERY_FAILED, "registration file " + file + " is corrupt: " + reason,
                    "dsreg leaves it alone; restore it from a backup, or remove it with dsreg --cleanup", cause);
            this.reason = reason;
        }
    }

    private static String message(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private Registration fromJson(JsonNode root) throws CertificateException {
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
                CertificateParser.info(cert),
                keyRef(required(root, "deviceKey")),
                root.has("transportKey") ? Optional.of(keyRef(required(root, "transportKey"))) : Optional.empty(),
                details,
                optionalText(root, "registeredAt").map(FileRegistrationStore::instant),
                RegistrationSource.DSREG);
    }

    private static JoinType joinType(String s) {
        for (JoinType t : JoinType.values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        throw new CorruptStateException("join type '" + s.replaceAll("\\p{Cntrl}", "?") + "' is not one of "
                + java.util.Arrays.toString(JoinType.values()));
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

    private ObjectNode toJson(Registration r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("tenantId", r.tenantId().toString());
        root.put("deviceId", r.deviceId().toString());
        root.put("joinType", r.joinType().name());
        r.registeredAt().ifPresent(t -> root.put("registeredAt", t.toString()));
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

    private ObjectNode keyRef(KeyRef k) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("storage", k.storage());
        n.put("alias", k.alias());
        return n;
    }

    private ObjectNode endpoint(ServiceEndpoint e) {
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
