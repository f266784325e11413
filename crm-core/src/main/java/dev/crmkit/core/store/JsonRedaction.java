package dev.crmkit.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Replaces text values in a JSON tree (erasure of stored events). */
final class JsonRedaction {

  private JsonRedaction() {}

  /** Replaces every text node equal to one of {@code values}; returns whether any changed. */
  static boolean redact(JsonNode node, Set<String> values, String replacement) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual() && values.contains(value.asText())) {
          field.setValue(TextNode.valueOf(replacement));
          changed = true;
        } else {
          changed |= redact(value, values, replacement);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isTextual() && values.contains(value.asText())) {
          array.set(i, TextNode.valueOf(replacement));
          changed = true;
        } else {
          changed |= redact(value, values, replacement);
        }
      }
    }
    return changed;
  }
}
