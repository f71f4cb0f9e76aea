import java.nio.charset.StandardCharsets;

/**
 * The benchmark's document: a deterministic JSON product of exactly {@link #SIZE} bytes per key.
 * Shared by {@link Origin} (which serves it slowly) and {@link RawServer} (which serves it from
 * memory), so both hand out the very same bytes.
 */
final class Bodies {
  static final int SIZE = 2048;

  private Bodies() {
  }

  static byte[] body(String id) {
    long h = id.hashCode() & 0xffffffffL;
    StringBuilder sb = new StringBuilder(SIZE);
    sb.append("{\"id\":\"").append(escape(id)).append('"')
        .append(",\"sku\":\"SKU-").append(String.format("%08d", h % 100_000_000L)).append('"')
        .append(",\"name\":\"Oak table ").append(escape(id)).append('"')
        .append(",\"price\":").append(100 + h % 900).append('.').append(String.format("%02d", h % 100))
        .append(",\"currency\":\"EUR\"")
        .append(",\"inStock\":").append(h % 7 != 0)
        .append(",\"stock\":").append(h % 250)
        .append(",\"updatedAt\":\"2026-11-30T10:00:00Z\"")
        .append(",\"categories\":[\"furniture\",\"tables\",\"oak\"]")
        .append(",\"attributes\":{\"width\":180,\"depth\":90,\"height\":75,\"weight\":42.5,\"finish\":\"oiled\"}")
        .append(",\"description\":\"");
    String filler = "Solid oak dining table with oiled finish, seats six, made to order in our workshop. ";
    // close with "\"}" = 2 bytes
    int room = SIZE - sb.length() - 2;
    for (int i = 0; i < room; i++) {
      sb.append(filler.charAt(i % filler.length()));
    }
    sb.append("\"}");
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    return b;
  }

  /** The key of a benchmark path: its last segment ({@code /products/42}, {@code /herd/products/42} → 42). */
  static String keyOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
        sb.append('_');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
