package io.wplive.proxy.normalize;

/**
 * The WordPress-style paging a client asked for, after validation by {@link PaginationMapper}.
 *
 * @param page 1-based page number
 * @param perPage items per page
 * @param cursor the opaque cursor the client sent back (cursor style only), or {@code null}
 */
public record PageRequest(int page, int perPage, String cursor) {
  public PageRequest {
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more");
    }
    if (perPage < 1) {
      throw new IllegalArgumentException("perPage must be 1 or more");
    }
  }
}
