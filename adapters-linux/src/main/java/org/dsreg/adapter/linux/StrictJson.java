package org.dsreg.adapter.linux;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One JSON object of a file that holds secrets, read strictly: every field named must be there (a field that may
 * be empty is written as {@code null}), no other field may be, no key twice, nothing after the object. The reasons
 * never quote the file's content (Jackson's messages would: a PRT cut in the middle is a part of a PRT), only field
 * names of ours and where the JSON broke.
 */
final class StrictJson {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    /** Made on first use, as {@link RegistrationJson}'s. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A file that does not read as one of ours; the message says why and quotes nothing of its content. */
    static final class Corrupt extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Corrupt(String reason) {
            super(reason, null, false, false); // no stack trace, no cause that could carry the content
        }
    }

    private final JsonNode node;
    private final String where;

    private StrictJson(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    static ObjectMapper mapper() {
        return Json.MAPPER;
    }

    /**
     * The object in {@code bytes}: its {@code formatVersion} must be {@code version} (checked before anything else,
     * so that a newer dsreg's file is named as such), and its fields exactly {@code fields} and that one.
     */
    static StrictJson parse(byte[] bytes, int version, Set<String> fields) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Corrupt("not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new Corrupt("not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Corrupt("not a JSON object");
        }
        StrictJson top = new StrictJson(root, "");
        JsonNode v = root.get("formatVersion");
        if (v == null || !v.isInt()) {
            throw new Corrupt("field 'formatVersion' is missing or not a number");
        }
        if (v.asInt() != version) {
            throw new Corrupt("format version " + v.asInt() + " is not supported by this dsreg (it reads version "
                    + version + ")");
        }
        top.only(fields, "formatVersion");
        return top;
    }

    /** The object in field {@code field}, with exactly {@code fields}. */
    StrictJson object(String field, Set<String> fields) {
        JsonNode v = required(field);
        if (!v.isObject()) {
            throw new Corrupt("field '" + name(field) + "' is not an object");
        }
        StrictJson sub = new StrictJson(v, name(field) + ".");
        sub.only(fields, null);
        return sub;
    }

    /** Whether field {@code field} is an object with field {@code inner} (for an object of one of several shapes). */
    boolean has(String field, String inner) {
        return node.path(field).has(inner);
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> new Corrupt("field '" + name(field) + "' is null"));
    }

    /** A string, or {@code null} for none. */
    Optional<String> optionalText(String field) {
        return optional(field, JsonNode::isTextual, "a string").map(JsonNode::asText);
    }

    Instant instant(String field) {
        return optionalInstant(field).orElseThrow(() -> new Corrupt("field '" + name(field) + "' is null"));
    }

    Optional<Instant> optionalInstant(String field) {
        try {
            return optionalText(field).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new Corrupt("field '" + name(field) + "' is not an ISO-8601 instant");
        }
    }

    int integer(String field) {
        return optionalInteger(field).orElseThrow(() -> new Corrupt("field '" + name(field) + "' is null"));
    }

    Optional<Integer> optionalInteger(String field) {
        return optional(field, JsonNode::isInt, "a whole number").map(JsonNode::asInt);
    }

    /** The field's value when it is of the kind {@code is} tells, empty for {@code null}. */
    private Optional<JsonNode> optional(String field, java.util.function.Predicate<JsonNode> is, String kind) {
        JsonNode v = required(field);
        if (v.isNull()) {
            return Optional.empty();
        }
        if (!is.test(v)) {
            throw new Corrupt("field '" + name(field) + "' is not " + kind);
        }
        return Optional.of(v);
    }

    boolean bool(String field) {
        JsonNode v = required(field);
        if (!v.isBoolean()) {
            throw new Corrupt("field '" + name(field) + "' is not true or false");
        }
        return v.asBoolean();
    }

    /** A failure naming the field, for a value that reads but makes no sense. */
    Corrupt invalid(String field, String why) {
        return new Corrupt("field '" + name(field) + "' " + why);
    }

    private JsonNode required(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new Corrupt("field '" + name(field) + "' is missing");
        }
        return v;
    }

    private void only(Set<String> fields, String also) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String n = names.next();
            if (!fields.contains(n) && !n.equals(also)) {
                throw new Corrupt(PLAIN_NAME.matcher(n).matches() ? "unknown field '" + name(n) + "'"
                        : "an unknown field" + (where.isEmpty() ? "" : " in '" + where.substring(0, where.length() - 1)
                        + "'"));
            }
        }
        for (String f : fields) {
            required(f);
        }
    }

    private String name(String field) {
        return where + field;
    }
}
