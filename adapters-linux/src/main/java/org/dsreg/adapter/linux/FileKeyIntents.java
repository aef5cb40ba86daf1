package org.dsreg.adapter.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.KeyRef;
import org.dsreg.port.out.KeyIntents;
import org.dsreg.spi.state.StateDirectory;

/**
 * Intent records as {@code <state>/intents/<uuid>.json} (0644: they name keys, hold none), each
 * written atomically through the state tree.
 */
final class FileKeyIntents implements KeyIntents {
    private static final String DIRECTORY = "intents";
    private static final String SUFFIX = ".json";

    /** Made on first use: a status with no intent records to read has no need to start Jackson's mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final LinuxPaths paths;
    private final Clock clock;

    @Inject
    FileKeyIntents(LinuxPaths paths, Clock clock) {
        this.paths = paths;
        this.clock = clock;
    }

    @Override
    public Intent record(String purpose, List<KeyRef> keys) {
        Intent intent = new Intent(UUID.randomUUID().toString(), purpose, clock.instant(), keys);
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("formatVersion", 1);
        root.put("purpose", purpose);
        root.put("at", intent.at().toString());
        ArrayNode list = root.putArray("keys");
        for (KeyRef k : keys) {
            list.addObject().put("storage", k.storage()).put("alias", k.alias());
        }
        try (StateDirectory dir = paths.createStateSubdirectory(DIRECTORY)) {
            dir.replace(intent.id() + SUFFIX, Json.MAPPER.writeValueAsBytes(root), StateDirectory.FILE_0644);
        } catch (IOException e) {
            throw new IllegalStateException("an intent record always serialises", e);
        }
        return intent;
    }

    @Override
    public void complete(Intent intent) {
        try (StateDirectory dir = directory().orElse(null)) {
            if (dir != null) {
                dir.delete(intent.id() + SUFFIX);
            }
        }
    }

    @Override
    public List<Intent> pending() {
        List<Intent> found = new ArrayList<>();
        try (StateDirectory dir = directory().orElse(null)) {
            if (dir == null) {
                return List.of();
            }
            for (String name : dir.names()) {
                if (!name.startsWith(".") && name.endsWith(SUFFIX)) {
                    try {
                        dir.read(name).ifPresent(bytes -> found.add(parse(dir, name, bytes)));
                    } catch (DsregException e) { // a link, a directory, garbage: named, never acted on
                        found.add(unreadable(name, e.getMessage()));
                    }
                }
            }
        }
        found.sort(Comparator.comparing(Intent::at));
        return found;
    }

    private static Intent parse(StateDirectory dir, String name, byte[] bytes) {
        String id = name.substring(0, name.length() - SUFFIX.length());
        try {
            JsonNode root = Json.MAPPER.readTree(bytes);
            List<KeyRef> keys = new ArrayList<>();
            for (JsonNode k : root.path("keys")) {
                keys.add(new KeyRef(k.path("storage").asText(), k.path("alias").asText()));
            }
            return new Intent(id, root.path("purpose").asText("unknown"), Instant.parse(root.path("at").asText()),
                    keys);
        } catch (IOException | RuntimeException e) {
            return unreadable(name, "the intent record " + dir.path().resolve(name) + " is corrupt");
        }
    }

    /**
     * A record that does not read: no keys (it might name any), so recovery leaves it and status shows
     * it with why; removing it by hand (or {@code --cleanup}) is the way out.
     */
    private static Intent unreadable(String name, String why) {
        return new Intent(name.substring(0, name.length() - SUFFIX.length()), "unreadable: " + why
                + "; remove it by hand", Instant.EPOCH, List.of());
    }

    private Optional<StateDirectory> directory() {
        return paths.openStateSubdirectory(DIRECTORY);
    }
}
