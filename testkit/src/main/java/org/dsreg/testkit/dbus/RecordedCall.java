package org.dsreg.testkit.dbus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One call a fake broker received, recorded before it was answered.
 *
 * @param method          the D-Bus member name, e.g. {@code acquirePrtSsoCookie}
 * @param protocolVersion the first argument (clients send {@code "0.0"})
 * @param correlationId   the second argument
 * @param requestJson     the third argument, verbatim
 * @param receivedNanos   when it arrived ({@link System#nanoTime()}), to tell calls made together from calls made
 *                        one after another
 */
public record RecordedCall(String method, String protocolVersion, String correlationId, String requestJson,
        long receivedNanos) {

    /** A call arriving now. */
    public RecordedCall(String method, String protocolVersion, String correlationId, String requestJson) {
        this(method, protocolVersion, correlationId, requestJson, System.nanoTime());
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The request JSON parsed.
     *
     * @return the tree, or a {@link MissingNode} when the request is not valid JSON
     */
    public JsonNode request() {
        try {
            JsonNode node = MAPPER.readTree(requestJson);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
