package io.wplive.proxy.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * Finds the route's items in the document: a list (data is an array) or a single object (data is an
 * object). A pointer with {@code *} collects over arrays and always gives a list, arrays found at the end
 * being concatenated ({@code /groups/*}{@code /products} lists every group's products).
 */
final class ItemsSelector {
  private final PointerPath pointer;

  ItemsSelector(PointerPath pointer) {
    this.pointer = pointer;
  }

  /**
   * @param xml whether the document came from XML, where a single element is a list of one and a
   *     container with no matching children is an empty list
   * @return an {@code ArrayNode} or an {@code ObjectNode}
   * @throws ItemsNotFoundException when the pointer finds nothing or a scalar
   */
  JsonNode select(JsonNode doc, boolean xml) throws ItemsNotFoundException {
    PointerPath.Result found = pointer.resolve(doc, xml);
    if (pointer.hasWildcard()) {
      if (!found.reachedWildcard()) {
        throw new ItemsNotFoundException("points at nothing");
      }
      ArrayNode all = JsonSupport.NODES.arrayNode();
      for (JsonNode m : found.matches()) {
        if (m.isArray()) {
          all.addAll((ArrayNode) m);
        } else {
          all.add(m);
        }
      }
      return all;
    }
    JsonNode node = found.single();
    if (node == null || node.isNull()) {
      if (xml && !pointer.isDocument() && isEmptyXmlContainer(pointer.parent().resolve(doc, true).single())) {
        return JsonSupport.NODES.arrayNode();
      }
      throw new ItemsNotFoundException("points at nothing");
    }
    if (node.isArray()) {
      return node;
    }
    if (xml && !pointer.isDocument()) {
      if (PointerPath.isBlankText(node)) {
        return JsonSupport.NODES.arrayNode();
      }
      return JsonSupport.NODES.arrayNode(1).add(node);
    }
    if (node.isObject()) {
      return node;
    }
    throw new ItemsNotFoundException("points at a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
        + ", not at a list or an object");
  }

  /** {@code <items/>} or {@code <items>  </items>}: XML's only way to say "no items". */
  private static boolean isEmptyXmlContainer(JsonNode parent) {
    return parent != null && (parent.isObject() || PointerPath.isBlankText(parent));
  }

  /** The pointer found no usable items; the message completes "items pointer /x …". */
  static final class ItemsNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    ItemsNotFoundException(String problem) {
      super(problem);
    }
  }
}
