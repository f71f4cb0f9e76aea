package io.wplive.proxy.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wplive.proxy.config.NormalizeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds each output item from the route's {@code fields}: output name ← pointer inside the item,
 * optionally typed. Without fields, items go out as they are.
 */
final class FieldMapper {
  private record MappedField(String name, PointerPath from, FieldType type) {
  }

  private final List<MappedField> fields = new ArrayList<>();

  FieldMapper(Map<String, NormalizeOptions.Field> config) {
    config.forEach((name, f) -> fields.add(new MappedField(name, PointerPath.parse(f.from()), FieldType.of(f.type()))));
  }

  /**
   * @param items an array of items or a single object
   * @param xml whether lists may be written as single elements (see {@link PointerPath})
   */
  JsonNode map(JsonNode items, boolean xml, Warnings warnings) {
    if (fields.isEmpty()) {
      return items;
    }
    if (items.isArray()) {
      ArrayNode out = JsonSupport.NODES.arrayNode(items.size());
      int index = 0;
      for (JsonNode item : items) {
        out.add(mapOne(item, xml, warnings, "item " + index));
        index++;
      }
      return out;
    }
    return mapOne(items, xml, warnings, null);
  }

  private ObjectNode mapOne(JsonNode item, boolean xml, Warnings warnings, String where) {
    ObjectNode out = JsonSupport.NODES.objectNode();
    for (MappedField f : fields) {
      PointerPath.Result found = f.from().resolve(item, xml);
      if (f.from().hasWildcard()) {
        if (!found.reachedWildcard()) {
          out.putNull(f.name());
          continue;
        }
        ArrayNode values = JsonSupport.NODES.arrayNode(found.matches().size());
        int i = 0;
        for (JsonNode v : found.matches()) {
          values.add(convert(f, v, warnings, where, i));
          i++;
        }
        out.set(f.name(), values);
      } else {
        JsonNode v = found.single();
        out.set(f.name(), v == null ? JsonSupport.NODES.nullNode() : convert(f, v, warnings, where, -1));
      }
    }
    return out;
  }

  /** The converted value, or {@code null} with a warning naming field and item (never the value). */
  private static JsonNode convert(MappedField f, JsonNode v, Warnings warnings, String where, int element) {
    JsonNode converted = f.type().convert(v);
    if (converted == FieldType.INVALID) {
      String field = element >= 0 ? f.name() + "[" + element + "]" : f.name();
      warnings.add("field \"" + field + "\"" + (where == null ? "" : " of " + where)
          + " is not a valid " + f.type().label() + "; sent as null");
      return JsonSupport.NODES.nullNode();
    }
    return converted;
  }
}
