package io.wplive.proxy.demo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The product and stock feed behind {@link XmlFeedApi}: a coffee roaster's wholesale catalogue, 25
 * {@code <item>}s with the SKU as an attribute, the price as text with its currency as an attribute
 * (so a mapping must reach the element's text), the stock level, and the time of the last change.
 * Only {@code <generated>} follows the clock; the items are the same on every run.
 */
final class DemoXmlFeedData {
  static final int COUNT = 25;

  private static final String[] ORIGINS = {"Ethiopia Yirgacheffe", "Colombia Huila", "Kenya Nyeri", "Guatemala Antigua",
      "Brazil Cerrado"};
  /** The fifth product of each origin has an ampersand, which the feed must escape. */
  private static final String[] FORMATS = {"whole beans 250 g", "whole beans 1 kg", "espresso grind 250 g",
      "filter grind 500 g", "tasting set & notes"};
  /** The price of each format in euro cents, for the first origin; later origins cost a little more. */
  private static final int[] FORMAT_CENTS = {950, 3200, 990, 1750, 2400};
  private static final int ORIGIN_PREMIUM_CENTS = 125;

  private DemoXmlFeedData() {
  }

  static String feed(Instant now) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed>\n");
    out.append("  <generated>").append(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
        .append("</generated>\n");
    for (int i = 0; i < COUNT; i++) {
      out.append("  <item sku=\"").append(sku(i)).append("\">\n")
          .append("    <name>").append(escape(name(i))).append("</name>\n")
          .append("    <price currency=\"EUR\">").append(price(i)).append("</price>\n")
          .append("    <stock>").append(stock(i)).append("</stock>\n")
          .append("    <updated>").append(updated(i)).append("</updated>\n")
          .append("  </item>\n");
    }
    return out.append("</feed>\n").toString();
  }

  static String sku(int i) {
    return "CF-" + (1001 + i);
  }

  static String name(int i) {
    return ORIGINS[i / FORMATS.length % ORIGINS.length] + ", " + FORMATS[i % FORMATS.length];
  }

  /** Always two decimals, as price lists print them. */
  static String price(int i) {
    int cents = FORMAT_CENTS[i % FORMATS.length] + (i / FORMATS.length) * ORIGIN_PREMIUM_CENTS;
    return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
  }

  /** Every sixth product is sold out. */
  static int stock(int i) {
    return i % 6 == 4 ? 0 : 1 + (i * 13) % 60;
  }

  static String updated(int i) {
    return String.format(Locale.ROOT, "2026-11-%02dT%02d:%02d:00+01:00", 1 + (i * 5) % 28, 6 + i % 12, (i * 17) % 60);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
