package org.dsreg.adapter.linux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.Registration;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.StagedIdentities;
import org.dsreg.spi.state.StateDirectory;

/**
 * Replacements under way as {@code <state>/replacements/<tenant-id>.json}: the two registrations as their
 * registration files hold them (certificates inline, keys by reference; no secret, 0644), written atomically
 * through the state tree.
 */
final class FileStagedIdentities implements StagedIdentities {
    private static final String DIRECTORY = "replacements";
    private static final String SUFFIX = ".json";

    /** Made on first use: a run that finds no replacement never starts Jackson's mapper. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final LinuxPaths paths;

    @Inject
    FileStagedIdentities(LinuxPaths paths) {
        this.paths = paths;
    }

    @Override
    public void stage(Staged staged) {
        try {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("formatVersion", 1);
            root.put("purpose", staged.purpose().name());
            root.set("previous", Json.MAPPER.readTree(RegistrationJson.write(staged.previous())));
            root.set("next", Json.MAPPER.readTree(RegistrationJson.write(staged.next())));
            try (StateDirectory dir = paths.createStateSubdirectory(DIRECTORY)) {
                dir.replace(staged.tenant() + SUFFIX, Json.MAPPER.writeValueAsBytes(root), StateDirectory.FILE_0644);
            }
        } catch (IOException e) {
            throw new IllegalStateException("a replacement record always serialises", e);
        }
    }

    @Override
    public List<Staged> pending() {
        List<Staged> found = new ArrayList<>();
        try (StateDirectory dir = directory().orElse(null)) {
            if (dir == null) {
                return List.of();
            }
            for (String name : dir.names()) {
                String stem = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : "";
                if (!name.startsWith(".") && TenantId.looksLikeGuid(stem)) {
                    try {
                        dir.read(name).flatMap(bytes -> parse(bytes, TenantId.parse(stem))).ifPresent(found::add);
                    } catch (DsregException e) {
                        // a link or a directory: never acted on
                    }
                }
            }
        }
        return found;
    }

    @Override
    public boolean remove(TenantId tenant) {
        try (StateDirectory dir = directory().orElse(null)) {
            return dir != null && dir.delete(tenant + SUFFIX);
        }
    }

    private static Optional<Staged> parse(byte[] bytes, TenantId tenant) {
        try {
            JsonNode root = Json.MAPPER.readTree(bytes);
            Registration previous = RegistrationJson.read(Json.MAPPER.writeValueAsBytes(root.path("previous")), tenant);
            Registration next = RegistrationJson.read(Json.MAPPER.writeValueAsBytes(root.path("next")), tenant);
            return Optional.of(new Staged(previous, next, Purpose.valueOf(root.path("purpose").asText())));
        } catch (IOException | RegistrationJson.Corrupt | RuntimeException e) {
            return Optional.empty(); // a torn or foreign file: its keys stay, and so does the registration in use
        }
    }

    private Optional<StateDirectory> directory() {
        return paths.openStateSubdirectory(DIRECTORY);
    }
}
