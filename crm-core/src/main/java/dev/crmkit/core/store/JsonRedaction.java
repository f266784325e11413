package dev.crmkit.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/** Replaces text values in a JSON tree (erasure of stored events). */
final class JsonRedaction {

  private JsonRedaction() {}

  /**
   * Replaces every text node that is a key of {@code values} by its value; a null value removes
   * it (null in an object, left out of an array). Returns whether any changed.
   */
  static boolean redact(JsonNode node, Map<String, String> values) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual() && values.containsKey(value.asText())) {
          String by = values.get(value.asText());
          field.setValue(by == null ? NullNode.getInstance() : TextNode.valueOf(by));
          changed = true;
        } else {
          changed |= redact(value, values);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = array.size() - 1; i >= 0; i--) {
        JsonNode value = array.get(i);
        if (value.isTextual() && values.containsKey(value.asText())) {
          String by = values.get(value.asText());
          if (by == null) {
            array.remove(i);
          } else {
            array.set(i, TextNode.valueOf(by));
          }
          changed = true;
        } else {
          changed |= redact(value, values);
        }
      }
    }
    return changed;
  }
}
