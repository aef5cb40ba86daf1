package org.dsreg.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.DeviceMode;
import org.dsreg.domain.DsregPrt;
import org.dsreg.domain.Registration;
import org.dsreg.embed.IssuedToken;
import org.dsreg.embed.KeyStorageBackend;
import org.dsreg.embed.RefreshedPrt;
import org.dsreg.spi.keystorage.Availability;

/**
 * The {@code --json} output of every action but status (whose document is {@link JsonRenderer}'s): one line, one
 * JSON value, built here and nowhere else.
 */
final class ActionJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ActionJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code --join}: the registration made. */
    static String joined(Registration r) {
        return joinedNode(r).toString();
    }

    /** A registration as {@link #joined} shows it. */
    static ObjectNode joinedNode(Registration r) {
        ObjectNode n = object();
        n.put("tenantId", r.tenantId().toString());
        n.put("deviceId", r.deviceId().toString());
        n.put("joinType", r.joinType().name());
        n.put("deviceMode", r.deviceMode().orElse(DeviceMode.EXCLUSIVE).name());
        n.put("thumbprint", r.certificate().thumbprint().toString());
        n.put("notAfter", r.certificate().notAfter().toString());
        n.put("keyStorage", r.deviceKey().storage());
        return n;
    }

    /** {@code --getdrstoken}: the token the user asked for, and when it expires ({@code null}: unknown). */
    static String drsToken(AccessToken token) {
        ObjectNode n = object();
        n.put("accessToken", token.token());
        optional(n, "expiresOn", token.expiresOn());
        return n.toString();
    }

    /** {@code --refreshprt}: what was done and the PRT's metadata (never the PRT). */
    static String refreshedPrt(RefreshedPrt r) {
        DsregPrt p = r.prt();
        ObjectNode n = object();
        n.put("action", r.acquired() ? "acquired" : "renewed");
        n.put("tenantId", p.tenantId().toString());
        n.put("account", p.upn());
        n.put("objectId", p.objectId());
        n.put("cachedAt", p.cachedAt().toString());
        optional(n, "expiresOn", p.expiresOn());
        optional(n, "lastRefresh", p.lastRefresh());
        n.put("sessionKeyProtocol", p.sessionKeyProtocol());
        n.put("sessionKeyProtection", p.sessionKeyProtection());
        return n.toString();
    }

    /** {@code --gettoken}: the token the user asked for, when it expires and its scope. */
    static String issuedToken(IssuedToken t, String asked) {
        ObjectNode n = object();
        n.put("accessToken", t.token().token());
        optional(n, "expiresOn", t.token().expiresOn());
        n.put("scope", t.scope().orElse(asked));
        return n.toString();
    }

    private static void optional(ObjectNode n, String field, java.util.Optional<java.time.Instant> value) {
        if (value.isPresent()) {
            n.put(field, value.get().toString());
        } else {
            n.putNull(field);
        }
    }

    /** {@code --list-key-storages}: each backend, its capabilities, and whether it is usable here and why. */
    static String keyStorages(List<KeyStorageBackend> backends) {
        ArrayNode array = MAPPER.createArrayNode();
        for (var b : backends) {
            ObjectNode n = array.addObject();
            n.put("name", b.name());
            n.put("description", b.description());
            var caps = n.putArray("capabilities");
            b.capabilities().stream().map(Enum::name).sorted().forEach(caps::add);
            n.put("usable", b.usable());
            n.put("details", b.availability() instanceof Availability.Usable u ? u.details()
                    : ((Availability.Unusable) b.availability()).reason());
        }
        return array.toString();
    }
}
