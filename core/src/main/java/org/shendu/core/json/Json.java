package org.shendu.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON output of the project: what {@code --json} prints and what reports hold. Keys are
 * {@code snake_case} whatever wrote them (record components, bean properties and map keys alike:
 * {@code trainSeconds}, {@code ca8-semantic} and {@code wordSim353} become {@code train_seconds},
 * {@code ca8_semantic} and {@code word_sim353}), a document is one line, and paths are plain
 * strings. Key order is the order of the value (records: declaration order; use
 * {@link #object} or a {@link LinkedHashMap}, never {@code Map.of}, whose order changes from run to
 * run), so identical runs print identical bytes.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule("shendu-json").addSerializer(Path.class, ToStringSerializer.instance));

    private Json() {}

    /** {@code value} as one line of JSON with snake_case keys. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(tree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Prints {@code value} as one line of JSON and flushes. */
    public static void print(PrintWriter out, Object value) {
        out.println(write(value));
        out.flush();
    }

    /** {@code value} as a JSON tree with every object key in snake_case. */
    public static JsonNode tree(Object value) {
        return snakeKeys(MAPPER.valueToTree(value));
    }

    /**
     * An ordered map from alternating keys and values: {@code object("a", 1, "b", List.of(2))}.
     * The keys keep this order in the output.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("object(...) takes key, value pairs; got an odd count");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A key in snake_case: a capital after a lower-case letter or digit starts a new word, capitals
     * in a run stay one word ({@code rocAUC} is {@code roc_auc}), and {@code -}, {@code .} between
     * letters and spaces become {@code _}. Keys that are numbers ({@code 0.3}) are left as they are.
     */
    public static String snakeCase(String key) {
        StringBuilder s = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            char prev = i > 0 ? key.charAt(i - 1) : 0;
            if (Character.isUpperCase(c)) {
                boolean wordStart = i > 0 && (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && i + 1 < key.length()
                        && Character.isLowerCase(key.charAt(i + 1))));
                if (wordStart && s.length() > 0 && s.charAt(s.length() - 1) != '_') {
                    s.append('_');
                }
                s.append(Character.toLowerCase(c));
            } else if (c == '-' || c == ' ' || (c == '.' && !Character.isDigit(prev))) {
                s.append('_');
            } else {
                s.append(c);
            }
        }
        return s.toString().toLowerCase(Locale.ROOT);
    }

    private static JsonNode snakeKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode renamed = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                renamed.set(snakeCase(e.getKey()), snakeKeys(e.getValue()));
            }
            return renamed;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode renamed = JsonNodeFactory.instance.arrayNode(array.size());
            for (JsonNode element : array) {
                renamed.add(snakeKeys(element));
            }
            return renamed;
        }
        return node;
    }
}
