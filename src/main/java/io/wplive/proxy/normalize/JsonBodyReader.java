package io.wplive.proxy.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** JSON bodies, read with exact decimals. */
final class JsonBodyReader {
  private JsonBodyReader() {
  }

  static JsonNode read(byte[] body) throws UnreadableBodyException {
    if (UnreadableBodyException.isBlank(body)) {
      throw new UnreadableBodyException("the body is empty");
    }
    try {
      JsonNode doc = JsonSupport.MAPPER.readTree(body);
      if (doc == null || doc.isMissingNode()) {
        throw new UnreadableBodyException("the body is empty");
      }
      return doc;
    } catch (JsonProcessingException e) {
      throw new UnreadableBodyException("the body is not valid JSON" + UnreadableBodyException.at(e.getLocation()));
    } catch (IOException e) {
      throw new UnreadableBodyException("the body is not valid JSON");
    }
  }
}
