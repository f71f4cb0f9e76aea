package io.wplive.proxy.config;

/** {@code cache:} the memory tier bound and the largest body worth storing. */
public final class CacheOptions {
  public static final long DEFAULT_MEMORY_MAX_SIZE = 64L * 1024 * 1024;
  public static final long DEFAULT_MAX_ENTRY_SIZE = 5L * 1024 * 1024;

  private final long memoryMaxSize;
  private final long maxEntrySize;

  public CacheOptions(ConfigNode n) {
    ConfigNode memory = n.childOrEmpty("memory");
    memoryMaxSize = memory.size("maxSize", DEFAULT_MEMORY_MAX_SIZE);
    memory.finish();
    maxEntrySize = n.size("maxEntrySize", DEFAULT_MAX_ENTRY_SIZE);
    if (maxEntrySize > Integer.MAX_VALUE) {
      n.problem("maxEntrySize", "must be below 2GB");
    }
  }

  /** Bound of the memory tier in body bytes; 0 switches the memory tier off. */
  public long memoryMaxSize() { return memoryMaxSize; }
  /** Bodies larger than this are served but never stored; 0 = no limit. */
  public long maxEntrySize() { return maxEntrySize == 0 ? Integer.MAX_VALUE : maxEntrySize; }
}
