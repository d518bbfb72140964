package playground.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import playground.training.ConfigException;
import playground.training.StepContract;

/** Reading a step request, the same for {@code POST /api/step} and the command line's {@code step}. */
public final class StepJson {
    private StepJson() {}

    /** Parses a step request, turning JSON errors into a message that names the field. */
    public static StepContract.Request parse(String body) {
        if (body == null || body.isBlank()) throw new ConfigException("body", "is empty; send one JSON object");
        try {
            return FiniteJson.MAPPER.readValue(body, StepContract.Request.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(fieldOf(e), "is not valid here: " + e.getOriginalMessage());
        }
    }

    /** The field a JSON error is about, as a path like {@code layers[2]}; "body" when it is about no one field. */
    static String fieldOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null)
                    sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
                else if (ref.getIndex() >= 0)
                    sb.append('[').append(ref.getIndex()).append(']');
            }
            return sb.length() == 0 ? "body" : sb.toString();
        }
        return "body";
    }
}
