package org.dsreg.adapter.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.Printable;
import org.dsreg.domain.PrtAttempt;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.SessionKeyRef;
import org.dsreg.port.out.StoredPrt;

/**
 * The format of {@link FilePrtStore}'s files, version {@value #FORMAT_VERSION}, read by {@link StrictJson}: every
 * field below is written, {@code null} for none, and no other is accepted.
 *
 * <p>A PRT file ({@code <object-id>.json}): {@code formatVersion}, {@code tenantId}, {@code objectId},
 * {@code upn}, {@code cachedAt}, {@code expiresOn} (or null), {@code lastRefresh} (or null), {@code kdfVersion}
 * (1 or 2), {@code sessionKeyProtection}, {@code sessionKey} (either {@code {"storage", "alias"}}, a key in a
 * backend, or {@code {"inline"}}, the key's bytes in base64), {@code prt}. Instants are ISO-8601 in UTC.
 *
 * <p>The last attempt ({@code last-attempt.json}): {@code formatVersion}, {@code tenantId}, {@code at},
 * {@code kind} ({@code ACQUIRE} or {@code RENEW}), {@code account}, {@code succeeded}, {@code httpStatus},
 * {@code errorCode}, {@code description}, {@code traceId}, {@code correlationId}, {@code endpoint}.
 */
final class PrtJson {
    /** Bumped when the layout changes incompatibly; older readers refuse newer files. */
    static final int FORMAT_VERSION = 1;

    private static final Set<String> PRT_FIELDS = Set.of("tenantId", "objectId", "upn", "cachedAt", "expiresOn",
            "lastRefresh", "kdfVersion", "sessionKeyProtection", "sessionKey", "prt");
    private static final Set<String> IN_STORAGE = Set.of("storage", "alias");
    private static final Set<String> INLINE = Set.of("inline");
    private static final Set<String> ATTEMPT_FIELDS = Set.of("tenantId", "at", "kind", "account", "succeeded",
            "httpStatus", "errorCode", "description", "traceId", "correlationId", "endpoint");

    private PrtJson() {
    }

    // --- PRT files ------------------------------------------------------------------------------

    static byte[] write(StoredPrt stored) {
        DsregPrt m = stored.metadata();
        ObjectNode root = StrictJson.mapper().createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("tenantId", m.tenantId().toString());
        root.put("objectId", m.objectId().toLowerCase(Locale.ROOT));
        root.put("upn", m.upn());
        root.put("cachedAt", m.cachedAt().toString());
        root.put("expiresOn", m.expiresOn().map(Object::toString).orElse(null));
        root.put("lastRefresh", m.lastRefresh().map(Object::toString).orElse(null));
        root.put("kdfVersion", m.kdfVersion());
        root.put("sessionKeyProtection", m.sessionKeyProtection());
        ObjectNode key = root.putObject("sessionKey");
        if (stored.sessionKey() instanceof SessionKeyRef.InStorage s) {
            key.put("storage", s.storage());
            key.put("alias", s.alias());
        } else if (stored.sessionKey() instanceof SessionKeyRef.Inline i) {
            key.put("inline", Base64.getEncoder().encodeToString(i.key()));
        }
        root.put("prt", stored.prt());
        return bytes(root);
    }

    /**
     * The PRT in a file of the tenant's directory named for {@code objectId}: it must record that tenant and that
     * object id.
     */
    static StoredPrt read(byte[] bytes, TenantId tenant, String objectId) {
        StrictJson json = StrictJson.parse(bytes, FORMAT_VERSION, PRT_FIELDS);
        sameTenant(json, tenant);
        String recorded = json.text("objectId");
        if (!recorded.equals(objectId)) {
            throw json.invalid("objectId", "is not the object id the file is named for");
        }
        DsregPrt metadata;
        try {
            metadata = new DsregPrt(tenant, json.text("upn"), recorded, json.instant("cachedAt"),
                    json.optionalInstant("expiresOn"), json.optionalInstant("lastRefresh"), json.integer("kdfVersion"),
                    json.text("sessionKeyProtection"));
        } catch (IllegalArgumentException e) {
            throw new StrictJson.Corrupt(e.getMessage()); // the KDF version: its message quotes only the number
        }
        String prt = json.text("prt");
        if (prt.isEmpty()) {
            throw json.invalid("prt", "is empty");
        }
        return new StoredPrt(metadata, prt, sessionKey(json));
    }

    private static SessionKeyRef sessionKey(StrictJson json) {
        if (json.has("sessionKey", "inline")) {
            StrictJson inline = json.object("sessionKey", INLINE);
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(inline.text("inline"));
            } catch (IllegalArgumentException e) {
                throw inline.invalid("inline", "is not base64"); // never quoted: it is the key
            }
            if (bytes.length == 0) {
                throw inline.invalid("inline", "is empty");
            }
            return new SessionKeyRef.Inline(bytes);
        }
        StrictJson inStorage = json.object("sessionKey", IN_STORAGE);
        return new SessionKeyRef.InStorage(inStorage.text("storage"), inStorage.text("alias"));
    }

    // --- the last attempt -----------------------------------------------------------------------

    static byte[] write(TenantId tenant, PrtAttempt a) {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("tenantId", tenant.toString());
        root.put("at", a.at().toString());
        root.put("kind", a.kind().name());
        root.put("account", a.account().orElse(null));
        root.put("succeeded", a.succeeded());
        root.put("httpStatus", a.httpStatus().orElse(null));
        root.put("errorCode", a.errorCode().orElse(null));
        root.put("description", a.description().orElse(null));
        root.put("traceId", a.traceId().orElse(null));
        root.put("correlationId", a.correlationId().orElse(null));
        root.put("endpoint", a.endpoint());
        return bytes(root);
    }

    /** The last attempt kept in the tenant's directory: it must record that tenant. */
    static PrtAttempt readAttempt(byte[] bytes, TenantId tenant) {
        StrictJson json = StrictJson.parse(bytes, FORMAT_VERSION, ATTEMPT_FIELDS);
        sameTenant(json, tenant);
        return new PrtAttempt(json.instant("at"), kind(json), json.optionalText("account"), json.bool("succeeded"),
                json.optionalInteger("httpStatus"), json.optionalText("errorCode"), json.optionalText("description"),
                json.optionalText("traceId"), json.optionalText("correlationId"), json.text("endpoint"));
    }

    private static PrtAttempt.Kind kind(StrictJson json) {
        String kind = json.text("kind");
        for (PrtAttempt.Kind k : PrtAttempt.Kind.values()) {
            if (k.name().equals(kind)) {
                return k;
            }
        }
        throw json.invalid("kind", "'" + Printable.of(kind.substring(0, Math.min(20, kind.length())))
                + "' is neither ACQUIRE nor RENEW");
    }

    // --- both -----------------------------------------------------------------------------------

    private static void sameTenant(StrictJson json, TenantId tenant) {
        if (!json.text("tenantId").equals(tenant.toString())) {
            throw json.invalid("tenantId", "is not the tenant of the directory the file is in (" + tenant + ")");
        }
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return StrictJson.mapper().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}
