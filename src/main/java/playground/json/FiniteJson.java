package playground.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The JSON of the command line and the API, with one convention for the numbers JSON cannot hold: NaN and ±Infinity
 * are written as {@code null}, and an object that holds one says which, in {@code "nonFinite"}: the first such number's
 * place and value, e.g. {@code "weightsAfter[0][1][0] is Infinity"}. Reading is strict: no duplicate keys, no trailing
 * garbage, no null where a number must be.
 */
public final class FiniteJson {
    private FiniteJson() {}

    /** The field that names the first number JSON cannot hold. */
    public static final String FIELD = "nonFinite";

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .registerModule(new SimpleModule("finite")
                    .addSerializer(Double.class, new DoubleOrNull())
                    .addSerializer(double.class, new DoubleOrNull())
                    .addSerializer(double[].class, new DoublesOrNull()));

    /** Where the first non-finite number was written (a JSON pointer), and what it was. */
    private static final class First {
        String pointer;
        double value;
    }

    /** {@code o} as JSON, non-finite numbers as null, and {@link #FIELD} in a top-level object that holds one. */
    public static String write(Object o) {
        try {
            First first = new First();
            String text = MAPPER.writer().withAttribute(First.class, first).writeValueAsString(o);
            if (first.pointer == null) return text;
            JsonNode tree = MAPPER.valueToTree(o);
            if (!(tree instanceof ObjectNode obj)) return text;
            obj.put(FIELD, describe(first.pointer, first.value));
            return MAPPER.writeValueAsString(obj);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "weightsAfter[0][1][0] is Infinity (JSON has no NaN or infinities: such numbers are null)". */
    static String describe(String pointer, double value) {
        StringBuilder place = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) continue;
            if (part.chars().allMatch(Character::isDigit))
                place.append('[').append(part).append(']');
            else
                place.append(place.length() == 0 ? "" : ".")
                        .append(part.replace("~1", "/").replace("~0", "~"));
        }
        return (place.length() == 0 ? "the value" : place) + " is " + value
                + " (JSON has no NaN or infinities: such numbers are null)";
    }

    private static void noteFirst(JsonGenerator gen, SerializerProvider provider, double value) {
        if (provider.getAttribute(First.class) instanceof First first && first.pointer == null) {
            first.pointer = gen.getOutputContext().pathAsPointer().toString();
            first.value = value;
        }
    }

    private static final class DoubleOrNull extends StdSerializer<Double> {
        DoubleOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double v, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(v)) {
                gen.writeNumber(v);
            } else {
                gen.writeNull();
                noteFirst(gen, provider, v);
            }
        }
    }

    private static final class DoublesOrNull extends StdSerializer<double[]> {
        DoublesOrNull() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] vs, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartArray(vs, vs.length);
            for (double v : vs) {
                if (Double.isFinite(v)) {
                    gen.writeNumber(v);
                } else {
                    gen.writeNull();
                    noteFirst(gen, provider, v);
                }
            }
            gen.writeEndArray();
        }
    }
}
