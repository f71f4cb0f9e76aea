package io.wplive.proxy.normalize;

import java.util.List;

/**
 * The normalized envelope and the facts the proxy needs besides the bytes.
 *
 * @param json the compact UTF-8 {@code {"data":…,"meta":…}} envelope
 * @param total the upstream's total item count, {@code null} when unknown (→ {@code X-WP-Total})
 * @param totalPages {@code ceil(total / perPage)}, {@code null} when either is unknown (→ {@code X-WP-TotalPages})
 * @param warnings how many values could not take their type (→ {@code wplp_normalize_warnings_total})
 * @param warningMessages the first few warnings, each naming the route and the field but never the value,
 *     to be logged once per fetch
 */
public record NormalizedBody(byte[] json, Long total, Integer totalPages, int warnings, List<String> warningMessages) {
  public NormalizedBody {
    warningMessages = warningMessages == null ? List.of() : List.copyOf(warningMessages);
  }
}
