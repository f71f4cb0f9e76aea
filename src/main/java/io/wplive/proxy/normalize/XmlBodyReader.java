package io.wplive.proxy.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.deser.FromXmlParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;

/**
 * XML bodies, read by Jackson's XmlMapper into a tree: attributes become fields, repeated child elements
 * become arrays, and text next to attributes or children is kept under {@value #TEXT}.
 *
 * <p>The root element is kept as the top-level key, so pointers read like the document:
 * {@code <rss><channel><item>} is {@code /rss/channel/item}.
 *
 * <p>Elements that repeat become arrays even where only one is present: when an element repeats under
 * any instance of its parent path, every instance of that path is made an array. A lone element that
 * repeats nowhere in the document is indistinguishable from a single value; for that case the items
 * pointer and {@code *} segments treat a single value as a list of one (see {@link PointerPath}).
 */
final class XmlBodyReader {
  /** Where an element's own text goes when it also has attributes or children. */
  static final String TEXT = "#text";

  private static final XmlMapper XML = XmlMapper.builder(
          XmlFactory.builder().xmlInputFactory(secureInputFactory()).nameForTextElement(TEXT).build())
      .nodeFactory(JsonSupport.NODES)
      .build();

  private XmlBodyReader() {
  }

  /**
   * No DTDs and no external entities: a body must never make the proxy read files or URLs, and entity
   * expansion ("billion laughs") must not be possible. Entity references stay replaced, so a reference
   * to anything but the five predefined entities is an undeclared entity and fails the parse instead of
   * silently vanishing.
   */
  private static XMLInputFactory secureInputFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    return f;
  }

  static JsonNode read(byte[] body) throws UnreadableBodyException {
    if (UnreadableBodyException.isBlank(body)) {
      throw new UnreadableBodyException("the body is empty");
    }
    try (JsonParser p = XML.getFactory().createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new UnreadableBodyException("the body is not valid XML");
      }
      String root = ((FromXmlParser) p).getStaxReader().getLocalName();
      JsonNode tree = XML.readTree(p);
      if (tree == null || tree.isMissingNode()) {
        throw new UnreadableBodyException("the body is not valid XML");
      }
      JsonNode shaped = shape(tree);
      ObjectNode doc = JsonSupport.NODES.objectNode();
      doc.set(root, unwrapText(shaped));
      return doc;
    } catch (JsonProcessingException e) {
      throw new UnreadableBodyException("the body is not valid XML" + UnreadableBodyException.at(e.getLocation()));
    } catch (IOException | RuntimeException e) {
      // StAX reports some errors as unchecked exceptions whose messages quote the input
      throw new UnreadableBodyException("the body is not valid XML");
    }
  }

  /** Makes repeated element paths arrays everywhere and blank formatting text empty. */
  private static JsonNode shape(JsonNode tree) {
    Set<String> repeated = new HashSet<>();
    collectRepeated(tree, "", repeated);
    return reshape(tree, "", repeated);
  }

  private static void collectRepeated(JsonNode node, String path, Set<String> repeated) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String childPath = path + "/" + e.getKey();
        JsonNode v = e.getValue();
        if (v.isArray()) {
          repeated.add(childPath);
          for (JsonNode el : v) {
            collectRepeated(el, childPath, repeated);
          }
        } else {
          collectRepeated(v, childPath, repeated);
        }
      }
    }
  }

  private static JsonNode reshape(JsonNode node, String path, Set<String> repeated) {
    if (PointerPath.isBlankText(node)) {
      // whitespace between tags of an element with no children is formatting, not a value
      return JsonSupport.NODES.textNode("");
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = JsonSupport.NODES.objectNode();
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String childPath = path + "/" + name;
      JsonNode v = node.get(name);
      if (v.isArray()) {
        ArrayNode arr = JsonSupport.NODES.arrayNode(v.size());
        for (JsonNode el : v) {
          arr.add(reshape(el, childPath, repeated));
        }
        out.set(name, arr);
      } else if (repeated.contains(childPath)) {
        out.set(name, JsonSupport.NODES.arrayNode(1).add(reshape(v, childPath, repeated)));
      } else {
        out.set(name, reshape(v, childPath, repeated));
      }
    }
    return out;
  }

  /** {@code <total>5</total>} as a whole document: the root's value is its text, like any inner element. */
  private static JsonNode unwrapText(JsonNode node) {
    if (node.isObject() && node.size() == 1 && node.has(TEXT)) {
      return node.get(TEXT);
    }
    return node;
  }
}
