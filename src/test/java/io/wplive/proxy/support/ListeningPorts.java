package io.wplive.proxy.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The TCP ports this JVM is listening on, read from Linux's {@code /proc} (sockets in LISTEN
 * state whose inode is one of this process's file descriptors). {@link #available()} is false
 * elsewhere, so tests can skip.
 */
public final class ListeningPorts {
  private ListeningPorts() {
  }

  public static boolean available() {
    return Files.isReadable(Path.of("/proc/self/fd")) && Files.isReadable(Path.of("/proc/net/tcp"));
  }

  /** Listening ports of this process (IPv4 and IPv6). */
  public static Set<Integer> ofThisProcess() {
    try {
      Set<String> inodes = new HashSet<>();
      try (var fds = Files.list(Path.of("/proc/self/fd"))) {
        for (Path fd : (Iterable<Path>) fds::iterator) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException e) {
            // closed meanwhile
          }
        }
      }
      Set<Integer> ports = new TreeSet<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        Path p = Path.of(table);
        if (!Files.isReadable(p)) {
          continue;
        }
        List<String> lines = Files.readAllLines(p);
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.trim().split("\\s+");
          // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
          if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
            String local = f[1];
            ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
          }
        }
      }
      return ports;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
