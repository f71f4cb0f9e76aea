package io.wplive.proxy.normalize;

import io.wplive.proxy.config.NormalizeOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps the client's WordPress-style query to what the upstream expects. */
public final class PaginationMapper {
  /** WordPress REST defaults and limits for {@code per_page}. */
  public static final int DEFAULT_PER_PAGE = 20;
  public static final int MAX_PER_PAGE = 100;

  static final String PAGE = "page";
  static final String PER_PAGE = "per_page";
  static final String CURSOR = "cursor";

  /** Enough for Integer.MAX_VALUE; longer input is refused before parsing. */
  private static final int MAX_DIGITS = 10;

  private final NormalizeOptions.Pagination pagination;
  private final Set<String> consumed;

  /** @param pagination the route's pagination, or {@code null}: parameters then pass through untouched */
  public PaginationMapper(NormalizeOptions.Pagination pagination) {
    this.pagination = pagination;
    Set<String> names = new HashSet<>(List.of(PAGE, PER_PAGE, CURSOR));
    if (pagination != null) {
      // A client must not reach the upstream's own paging parameters directly (for example
      // $top=5000 to get round the per_page limit): those names are the mapper's alone.
      addIfSet(names, pagination.pageParam());
      addIfSet(names, pagination.sizeParam());
      if (isCursorStyle()) {
        addIfSet(names, pagination.cursorParam());
      }
    }
    consumed = Set.copyOf(names);
  }

  /** The parameters to send upstream instead of the client's paging, and the paging the client asked for. */
  public record Mapped(List<Map.Entry<String, String>> upstreamParams, PageRequest page) {
    public Mapped {
      upstreamParams = List.copyOf(upstreamParams);
    }
  }

  /**
   * Reads {@code page}, {@code per_page} and {@code cursor} from the client's decoded query parameters and
   * returns the parameters to send upstream in their place: other parameters are kept in order, the
   * upstream's paging parameters are appended, and any the client sent under the upstream's own paging
   * names are dropped. When a name is repeated the last value wins, as in PHP.
   *
   * @throws BadPageException on a page below 1, a per_page outside 1..100, a non-numeric value, or (cursor
   *     style) a page above 1 without a cursor
   */
  public Mapped map(List<Map.Entry<String, String>> clientParams) {
    if (pagination == null) {
      return new Mapped(clientParams, null);
    }
    String pageText = null;
    String perPageText = null;
    String cursor = null;
    List<Map.Entry<String, String>> out = new ArrayList<>(clientParams.size() + 2);
    for (Map.Entry<String, String> p : clientParams) {
      String name = p.getKey();
      switch (name) {
        case PAGE -> pageText = p.getValue();
        case PER_PAGE -> perPageText = p.getValue();
        case CURSOR -> cursor = p.getValue();
        default -> {
          // only the mapper's own names are dropped; everything else goes through unchanged
        }
      }
      if (!consumed.contains(name)) {
        out.add(p);
      }
    }
    int page = number(pageText, 1, PAGE + " must be a whole number of 1 or more", Integer.MAX_VALUE);
    int perPage = number(perPageText, DEFAULT_PER_PAGE,
        PER_PAGE + " must be a whole number from 1 to " + MAX_PER_PAGE, MAX_PER_PAGE);
    if (cursor != null && cursor.isEmpty()) {
      cursor = null;
    }
    switch (pagination.style()) {
      case "offset" -> {
        long offset = (long) (page - 1) * perPage;
        add(out, pagination.pageParam(), Long.toString(offset));
        add(out, pagination.sizeParam(), Integer.toString(perPage));
      }
      case "cursor" -> {
        if (page > 1 && cursor == null) {
          throw new BadPageException(PAGE + " above 1 needs the cursor from meta.nextCursor of the previous page");
        }
        if (cursor != null) {
          add(out, pagination.cursorParam(), cursor);
        }
        add(out, pagination.sizeParam(), Integer.toString(perPage));
        return new Mapped(out, new PageRequest(page, perPage, cursor));
      }
      default -> {
        add(out, pagination.pageParam(), Integer.toString(page));
        add(out, pagination.sizeParam(), Integer.toString(perPage));
      }
    }
    return new Mapped(out, new PageRequest(page, perPage, null));
  }

  private boolean isCursorStyle() {
    return "cursor".equals(pagination.style());
  }

  /** A whole number in {@code 1..max}; digits only, so "+3", "3.0" and " 3" are rejected like WordPress does. */
  private static int number(String text, int def, String problem, int max) {
    if (text == null) {
      return def;
    }
    if (text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new BadPageException(problem);
    }
    long n = Long.parseLong(text);
    if (n < 1 || n > max) {
      throw new BadPageException(problem);
    }
    return (int) n;
  }

  private static void add(List<Map.Entry<String, String>> out, String name, String value) {
    if (name != null && !name.isEmpty()) {
      out.add(Map.entry(name, value));
    }
  }

  private static void addIfSet(Set<String> names, String name) {
    if (name != null && !name.isEmpty()) {
      names.add(name);
    }
  }
}
