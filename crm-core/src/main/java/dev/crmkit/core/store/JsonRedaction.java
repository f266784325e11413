package dev.crmkit.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/** Replaces text values in a JSON tree (erasure of stored events). */
final class JsonRedaction {

  private JsonRedaction() {}

  /** Replaces every text node that is a key of {@code values} by its value; whether any changed. */
  static boolean redact(JsonNode node, Map<String, String> values) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual() && values.containsKey(value.asText())) {
          field.setValue(TextNode.valueOf(values.get(value.asText())));
          changed = true;
        } else {
          changed |= redact(value, values);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isTextual() && values.containsKey(value.asText())) {
          array.set(i, TextNode.valueOf(values.get(value.asText())));
          changed = true;
        } else {
          changed |= redact(value, values);
        }
      }
    }
    return changed;
  }
}
