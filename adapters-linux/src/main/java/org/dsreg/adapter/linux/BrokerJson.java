package org.dsreg.adapter.linux;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.dsreg.domain.BrokerError;

/**
 * Reading the broker's JSON replies, tolerantly: fields missing or of another type read as absent. Loaded on the
 * first reply: without a bus to ask there is no reply to parse, and no need to start Jackson.
 */
final class BrokerJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private BrokerJson() {
    }

    static Optional<BrokerError> error(JsonNode e) {
        if (!e.isObject() || e.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BrokerError(str(e, "errorCode"), str(e, "status"), str(e, "subStatus"),
                str(e, "tag"), str(e, "context")));
    }

    static String str(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() ? v.asText() : "";
    }

    static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** A JWT's header (0) or body (1) as JSON, or empty when it is not a JWT. */
    static Optional<JsonNode> jwtPart(String jwt, int index) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            byte[] decoded = Base64.getUrlDecoder().decode(parts[index].replace('+', '-').replace('/', '_')
                    .replace("=", ""));
            JsonNode n = MAPPER.readTree(new String(decoded, StandardCharsets.UTF_8));
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (IllegalArgumentException | JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
