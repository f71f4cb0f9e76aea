package io.wplive.proxy.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Map;

/** CSV bodies: the header row names the columns, every other row becomes an object of strings. */
final class CsvBodyReader {
  private static final CsvMapper CSV = CsvMapper.builder()
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
      // a row with a stray extra cell keeps its named cells instead of failing the whole feed
      .enable(CsvParser.Feature.IGNORE_TRAILING_UNMAPPABLE)
      .build();

  private static final char[] SEPARATORS = {',', ';', '\t', '|'};

  private CsvBodyReader() {
  }

  static JsonNode read(byte[] body, Charset charset) throws UnreadableBodyException {
    String text = new String(body, charset);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    ArrayNode rows = JsonSupport.NODES.arrayNode();
    if (text.isBlank()) {
      return rows;
    }
    CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator(text));
    try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(text)) {
      while (it.hasNextValue()) {
        Map<String, String> row = it.nextValue();
        ObjectNode o = JsonSupport.NODES.objectNode();
        row.forEach((k, v) -> o.put(k, v));
        rows.add(o);
      }
    } catch (JsonProcessingException e) {
      throw new UnreadableBodyException("the body is not valid CSV" + UnreadableBodyException.at(e.getLocation()));
    } catch (IOException | RuntimeException e) {
      // MappingIterator wraps parse errors in unchecked exceptions whose messages quote the row
      throw new UnreadableBodyException("the body is not valid CSV");
    }
    return rows;
  }

  /**
   * The header row's most frequent separator outside quotes: spreadsheet exports in many locales use
   * {@code ;}, and {@code text/tab-separated-values} feeds use tabs.
   */
  private static char separator(String text) {
    int[] counts = new int[SEPARATORS.length];
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        break;
      } else if (!quoted) {
        for (int s = 0; s < SEPARATORS.length; s++) {
          if (c == SEPARATORS[s]) {
            counts[s]++;
          }
        }
      }
    }
    int best = 0;
    for (int s = 1; s < SEPARATORS.length; s++) {
      if (counts[s] > counts[best]) {
        best = s;
      }
    }
    return SEPARATORS[best];
  }
}
