package io.wplive.proxy.normalize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import io.wplive.proxy.config.NormalizeOptions;
import io.wplive.proxy.normalize.ical.IcalEventReader;
import io.wplive.proxy.normalize.ical.IcalEvents;
import io.wplive.proxy.normalize.ical.IcalParseException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns an upstream body (JSON, XML, CSV or iCalendar) into the route's {@code {"data": …, "meta": …}}
 * envelope (SPEC §6): parse, apply the JSLT transform to the whole document, pick the items, map the
 * fields, and add the paging facts.
 *
 * <p>Built once per route at config load; immutable and thread-safe, reused for every upstream fetch.
 * Pure: no I/O, time only from the injected clock.
 */
public final class Normalizer {
  private final String route;
  private final NormalizeOptions options;
  private final Clock clock;
  private final BodyFormat configuredFormat;
  private final Expression transform;
  private final ItemsSelector items;
  private final FieldMapper fields;
  private final PagingFacts paging;
  private final IcalEventReader ical;

  public Normalizer(String routeName, NormalizeOptions options, Clock clock) {
    this.route = Objects.requireNonNull(routeName, "routeName");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    configuredFormat = options.format() == null ? null : BodyFormat.ofConfig(options.format());
    // compiled once: a JSLT Expression is immutable and safe to share between threads
    transform = options.transform() == null ? null : Parser.compileString(options.transform());
    items = new ItemsSelector(PointerPath.parse(options.items()));
    fields = new FieldMapper(options.fields());
    paging = new PagingFacts(options);
    ical = new IcalEventReader(options.icalFrom(), options.icalTo());
  }

  /**
   * @param body the upstream body bytes (identity encoding)
   * @param contentType the upstream Content-Type or {@code null}; decides the format when the route sets
   *     none, and gives the charset of CSV and iCalendar bodies
   * @param upstreamHeader case-insensitive lookup of the upstream's response headers (value or {@code null})
   * @param page the paging the client asked for, or {@code null} when the route has no pagination
   * @return the envelope bytes and the facts for headers, metrics and logs
   * @throws NormalizeException when the body cannot be parsed, the items are not found, or the transform
   *     fails; the message names the route and never contains the body
   */
  public NormalizedBody normalize(byte[] body, String contentType, Function<String, String> upstreamHeader,
      PageRequest page) {
    Objects.requireNonNull(body, "body");
    Function<String, String> headers = upstreamHeader == null ? name -> null : upstreamHeader;
    Instant now = clock.instant();
    Warnings warnings = new Warnings(route);

    BodyFormat format = formatOf(body, contentType);
    boolean xml = format == BodyFormat.XML;
    JsonNode doc = parse(format, body, BodyFormat.charset(contentType), now, warnings);
    if (transform != null) {
      doc = applyTransform(doc);
    }
    JsonNode selected;
    try {
      selected = items.select(doc, xml);
    } catch (ItemsSelector.ItemsNotFoundException e) {
      throw new NormalizeException(route, "items pointer \"" + options.items() + "\" " + e.getMessage());
    }
    JsonNode data = fields.map(selected, xml, warnings);

    Long total = paging.total(doc, xml, headers, warnings);
    Integer totalPages = total == null || page == null ? null : pagesFor(total, page.perPage());

    ObjectNode envelope = JsonSupport.NODES.objectNode();
    envelope.set("data", data);
    ObjectNode meta = envelope.putObject("meta");
    meta.put("route", route);
    meta.put("total", total);
    meta.put("page", page == null ? null : page.page());
    meta.put("perPage", page == null ? null : page.perPage());
    meta.put("totalPages", totalPages);
    meta.put("fetchedAt", DateTimeValues.format(now));
    if (paging.cursorStyle()) {
      meta.put("nextCursor", paging.nextCursor(doc, xml, headers));
    }
    return new NormalizedBody(write(envelope), total, totalPages, warnings.count(), warnings.messages());
  }

  private BodyFormat formatOf(byte[] body, String contentType) {
    if (configuredFormat != null) {
      return configuredFormat;
    }
    BodyFormat f = BodyFormat.ofContentType(contentType);
    if (f == null) {
      f = BodyFormat.sniff(body);
    }
    if (f == null) {
      throw new NormalizeException(route, "cannot tell the body's format from its Content-Type; set normalize.format");
    }
    return f;
  }

  private JsonNode parse(BodyFormat format, byte[] body, Charset charset, Instant now, Warnings warnings) {
    try {
      return switch (format) {
        case JSON -> JsonBodyReader.read(body);
        case XML -> XmlBodyReader.read(body);
        case CSV -> CsvBodyReader.read(body, charset);
        case ICAL -> {
          IcalEvents events = ical.read(new String(body, charset), now);
          events.problems().forEach(warnings::add);
          yield events.events();
        }
      };
    } catch (UnreadableBodyException e) {
      throw new NormalizeException(route, e.getMessage());
    } catch (IcalParseException e) {
      throw new NormalizeException(route, e.getMessage());
    }
  }

  private JsonNode applyTransform(JsonNode doc) {
    JsonNode out;
    try {
      out = transform.apply(doc);
    } catch (JsltException e) {
      // JSLT's messages can quote values from the document: only its position in the expression is kept
      throw new NormalizeException(route, "the transform failed" + (e.getLine() > 0
          ? " at line " + e.getLine() + ", column " + e.getColumn() + " of the expression" : ""));
    } catch (RuntimeException e) {
      throw new NormalizeException(route, "the transform failed (" + e.getClass().getSimpleName() + ")");
    }
    if (out == null || out.isMissingNode() || out.isNull()) {
      throw new NormalizeException(route, "the transform produced nothing");
    }
    return out;
  }

  /** {@code ceil(total / perPage)}, capped at {@code Integer.MAX_VALUE}. */
  static int pagesFor(long total, int perPage) {
    long pages = total / perPage + (total % perPage == 0 ? 0 : 1);
    return (int) Math.min(pages, Integer.MAX_VALUE);
  }

  private byte[] write(ObjectNode envelope) {
    try {
      return JsonSupport.MAPPER.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new NormalizeException(route, "the envelope could not be written (" + e.getClass().getSimpleName() + ")");
    }
  }
}
