import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A burst client for the herd and upstream-down checks, where wrk does not fit: it opens every
 * connection first, then writes the first request on all of them in one tight loop (the requests
 * are "released at once", within about a millisecond), and measures each request from its write to
 * the last byte of its answer. With fewer connections than requests, each connection sends its
 * share one after another (keep-alive).
 *
 * <p>{@code --ports 18080,18082} spreads the connections round-robin over several servers on the
 * same host (connection i goes to port i mod n), for the herd check with two proxy instances; the
 * answers are then also counted per port ({@code port_<p>=} completed requests and
 * {@code xcache_<p>=} X-Cache counts). {@code --port P} is {@code --ports P}.
 *
 * <p>One thread, non-blocking sockets, HTTP/1.1 with Content-Length or chunked answers. Loopback
 * only: the host must be 127.x or localhost. Bounded: it stops at {@code --timeout-ms} whatever
 * happens and counts what is left as timeouts.
 *
 * <pre>
 * java -cp bench/target Burst --port 18080 --path /herd/products/900001 --connections 200 --requests 200
 * java -cp bench/target Burst --port 18080 --path '/stale/products/{k}' --keys 100 --connections 10 --requests 1000
 * java -cp bench/target Burst --ports 18080,18082 --path /herd/products/910001 --connections 200 --requests 200
 * </pre>
 *
 * <p>Prints one line of {@code key=value} pairs on stdout (for run.sh) and a summary on stderr.
 */
public final class Burst {
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private final String host;
  private final int[] ports;
  private final String path;
  private final int keys;
  private final int connections;
  private final int requests;
  private final long timeoutMs;
  private final String label;

  private int nextKey;
  private final byte[][] requestBytes;
  private boolean warming;
  private final long[] latencies;
  private int completed;
  private int errors;
  private int collapsed;
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private final Map<String, Integer> xcache = new TreeMap<>();
  private final Map<Integer, Integer> perPort = new TreeMap<>();
  private final Map<Integer, Map<String, Integer>> xcachePerPort = new TreeMap<>();

  Burst(String host, int[] ports, String path, int keys, int connections, int requests, long timeoutMs, String label) {
    this.host = host;
    this.ports = ports;
    this.path = path;
    this.keys = keys;
    this.connections = connections;
    this.requests = requests;
    this.timeoutMs = timeoutMs;
    this.label = label;
    this.latencies = new long[requests];
    this.requestBytes = new byte[ports.length * keys][];
    for (int i = 0; i < ports.length; i++) {
      for (int k = 0; k < keys; k++) {
        String p = path.replace("{k}", Integer.toString(k + 1));
        requestBytes[i * keys + k] = ("GET " + p + " HTTP/1.1\r\nHost: " + host + ":" + ports[i]
            + "\r\nUser-Agent: wplp-bench-burst\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      }
    }
  }

  /**
   * Runs the response parser on a synthetic answer until the JIT has compiled it, so that a cold
   * client does not add interpreter time to the first measured latencies. Touches no socket.
   */
  void selfWarm() {
    byte[] body = new byte[2048];
    Arrays.fill(body, (byte) 'x');
    byte[] head = ("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncache-status: wp-live-proxy; hit; ttl=42\r\n"
        + "x-cache: HIT\r\nage: 1\r\netag: \"abc\"\r\nvia: 1.1 wp-live-proxy\r\ncontent-length: 2048\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] chunkedHead = "HTTP/1.1 200 OK\r\nx-cache: MISS\r\ntransfer-encoding: chunked\r\n\r\n800\r\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] chunkedTail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    warming = true;
    Conn c = new Conn(null, 0, 0);
    for (int i = 0; i < 30_000; i++) {
      boolean chunked = (i & 7) == 0;
      c.len = 0;
      if (chunked) {
        c.append(chunkedHead);
        c.append(body);
        c.append(chunkedTail);
      } else {
        c.append(head);
        c.append(body);
      }
      c.inFlight = true;
      if (c.tryParse() != c.len) {
        throw new IllegalStateException("parser self-test failed");
      }
    }
    warming = false;
  }

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    String portList = "18080";
    String path = "/products/1";
    int keys = 1;
    int connections = 200;
    int requests = 200;
    long timeoutMs = 30_000;
    String label = "burst";
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--host" -> host = v;
        case "--port", "--ports" -> portList = v;
        case "--path" -> path = v;
        case "--keys" -> keys = Integer.parseInt(v);
        case "--connections" -> connections = Integer.parseInt(v);
        case "--requests" -> requests = Integer.parseInt(v);
        case "--timeout-ms" -> timeoutMs = Long.parseLong(v);
        case "--label" -> label = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!(host.startsWith("127.") || host.equals("localhost") || host.equals("::1"))) {
      throw new IllegalArgumentException("loopback only: " + host);
    }
    if (requests < 1 || connections < 1 || requests > 1_000_000 || connections > 5_000) {
      throw new IllegalArgumentException("bounded loads only: 1..1000000 requests, 1..5000 connections");
    }
    String[] parts = portList.split(",");
    int[] ports = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      ports[i] = Integer.parseInt(parts[i].trim());
      if (ports[i] < 1 || ports[i] > 65535) {
        throw new IllegalArgumentException("bad port " + parts[i]);
      }
    }
    connections = Math.min(connections, requests);
    Burst b = new Burst(host, ports, path, Math.max(1, keys), connections, requests, timeoutMs, label);
    b.selfWarm();
    b.run();
  }

  /** One client connection and its response parser. */
  private final class Conn {
    final SocketChannel ch;
    final int portIndex; // which of --ports this connection goes to
    int quota; // requests still to send on this connection
    long sentAt;
    boolean inFlight;
    byte[] acc = new byte[8192];
    int len;

    Conn(SocketChannel ch, int portIndex, int quota) {
      this.ch = ch;
      this.portIndex = portIndex;
      this.quota = quota;
    }

    void append(byte[] b) {
      if (len + b.length > acc.length) {
        acc = Arrays.copyOf(acc, Math.max(acc.length * 2, len + b.length));
      }
      System.arraycopy(b, 0, acc, len, b.length);
      len += b.length;
    }

    void send() throws IOException {
      ByteBuffer bb = ByteBuffer.wrap(requestBytes[portIndex * keys + nextKey % keys]);
      nextKey++;
      quota--;
      inFlight = true;
      sentAt = System.nanoTime();
      while (bb.hasRemaining()) {
        if (ch.write(bb) == 0) {
          Thread.onSpinWait();
        }
      }
    }

    /** @return false when the connection is finished (closed or out of requests) */
    boolean onReadable() throws IOException {
      if (len == acc.length) {
        acc = Arrays.copyOf(acc, acc.length * 2);
      }
      int n = ch.read(ByteBuffer.wrap(acc, len, acc.length - len));
      if (n < 0) {
        if (inFlight) {
          errors++;
          inFlight = false;
        }
        return false;
      }
      len += n;
      while (inFlight) {
        int consumed = tryParse();
        if (consumed < 0) {
          break;
        }
        System.arraycopy(acc, consumed, acc, 0, len - consumed);
        len -= consumed;
        if (quota > 0) {
          send();
        } else {
          return false;
        }
      }
      return true;
    }

    /** @return bytes of one complete response at the head of {@code acc}, or -1 when incomplete */
    int tryParse() {
      int hdrEnd = indexOf(acc, len, HEADER_END, 0);
      if (hdrEnd < 0) {
        return -1;
      }
      String head = new String(acc, 0, hdrEnd, StandardCharsets.ISO_8859_1);
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].substring(9, 12));
      long contentLength = -1;
      boolean chunked = false;
      String xc = null;
      boolean coll = false;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = lines[i].substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> contentLength = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "x-cache" -> xc = value;
          case "cache-status" -> coll = value.contains("collapsed");
          default -> { }
        }
      }
      int bodyStart = hdrEnd + 4;
      int end;
      if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
        end = bodyStart;
      } else if (chunked) {
        end = chunkedEnd(bodyStart);
        if (end < 0) {
          return -1;
        }
      } else if (contentLength >= 0) {
        if (len < bodyStart + contentLength) {
          return -1;
        }
        end = (int) (bodyStart + contentLength);
      } else {
        return -1; // read-until-close bodies are not expected from the servers under test
      }
      long nanos = System.nanoTime() - sentAt;
      inFlight = false;
      if (warming) {
        return end;
      }
      latencies[completed++] = nanos;
      statuses.merge(status, 1, Integer::sum);
      xcache.merge(xc == null ? "-" : xc, 1, Integer::sum);
      if (ports.length > 1) {
        perPort.merge(ports[portIndex], 1, Integer::sum);
        xcachePerPort.computeIfAbsent(ports[portIndex], p -> new TreeMap<>()).merge(xc == null ? "-" : xc, 1, Integer::sum);
      }
      if (coll) {
        collapsed++;
      }
      return end;
    }

    int chunkedEnd(int pos) {
      while (true) {
        int crlf = indexOf(acc, len, new byte[] {'\r', '\n'}, pos);
        if (crlf < 0) {
          return -1;
        }
        String sizeLine = new String(acc, pos, crlf - pos, StandardCharsets.ISO_8859_1);
        int semi = sizeLine.indexOf(';');
        int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        pos = crlf + 2;
        if (size == 0) {
          int trailerEnd = indexOf(acc, len, new byte[] {'\r', '\n'}, pos);
          // no trailers expected: the last chunk is followed by an empty line
          return trailerEnd < 0 ? -1 : trailerEnd + 2;
        }
        if (len < pos + size + 2) {
          return -1;
        }
        pos += size + 2;
      }
    }
  }

  void run() throws IOException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    List<Conn> conns = new ArrayList<>(connections);
    InetSocketAddress[] addrs = new InetSocketAddress[ports.length];
    for (int i = 0; i < ports.length; i++) {
      addrs[i] = new InetSocketAddress(host, ports[i]);
    }
    int connectErrors = 0;
    for (int i = 0; i < connections; i++) {
      int quota = requests / connections + (i < requests % connections ? 1 : 0);
      int portIndex = i % ports.length; // round-robin over the servers
      try {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.connect(addrs[portIndex]); // blocking connect: all connections are up before the release
        ch.configureBlocking(false);
        conns.add(new Conn(ch, portIndex, quota));
      } catch (IOException e) {
        connectErrors += quota;
      }
    }
    errors += connectErrors;
    Selector sel = Selector.open();
    long release = System.nanoTime();
    for (Conn c : conns) {
      c.send();
    }
    for (Conn c : conns) {
      c.ch.register(sel, SelectionKey.OP_READ, c);
    }
    int open = conns.size();
    while (open > 0) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        break;
      }
      sel.select(Math.max(1, left));
      Iterator<SelectionKey> it = sel.selectedKeys().iterator();
      while (it.hasNext()) {
        SelectionKey k = it.next();
        it.remove();
        Conn c = (Conn) k.attachment();
        boolean more;
        try {
          more = c.onReadable();
        } catch (IOException e) {
          if (c.inFlight) {
            errors++;
            c.inFlight = false;
          }
          more = false;
        }
        if (!more) {
          errors += c.quota; // never sent
          c.quota = 0;
          k.cancel();
          c.ch.close();
          open--;
        }
      }
    }
    long wall = System.nanoTime() - release;
    int timeouts = 0;
    for (Conn c : conns) {
      if (c.ch.isOpen()) {
        timeouts += (c.inFlight ? 1 : 0) + c.quota;
        c.ch.close();
      }
    }
    sel.close();
    report(wall, timeouts);
  }

  private void report(long wallNanos, int timeouts) {
    long[] l = Arrays.copyOf(latencies, completed);
    Arrays.sort(l);
    StringBuilder sb = new StringBuilder();
    sb.append("label=").append(label)
        .append(" requests=").append(requests)
        .append(" connections=").append(connections)
        .append(" completed=").append(completed)
        .append(" errors=").append(errors)
        .append(" timeouts=").append(timeouts)
        .append(" wall_ms=").append(ms(wallNanos))
        .append(" min_ms=").append(ms(pct(l, 0)))
        .append(" p50_ms=").append(ms(pct(l, 50)))
        .append(" p90_ms=").append(ms(pct(l, 90)))
        .append(" p99_ms=").append(ms(pct(l, 99)))
        .append(" max_ms=").append(ms(pct(l, 100)))
        .append(" collapsed=").append(collapsed)
        .append(" status=").append(join(statuses))
        .append(" xcache=").append(join(xcache));
    if (ports.length > 1) {
      sb.append(" ports=").append(join(perPort));
      for (Map.Entry<Integer, Map<String, Integer>> e : xcachePerPort.entrySet()) {
        sb.append(" xcache_").append(e.getKey()).append('=').append(join(e.getValue()));
      }
    }
    System.out.println(sb);
    System.err.println(label + ": " + completed + "/" + requests + " answered over " + connections + " connections"
        + (ports.length > 1 ? " to ports " + join(perPort) : "") + " in "
        + ms(wallNanos) + " ms; status " + join(statuses) + "; X-Cache " + join(xcache) + "; p50 " + ms(pct(l, 50))
        + " ms, p99 " + ms(pct(l, 99)) + " ms, max " + ms(pct(l, 100)) + " ms; errors " + errors + ", timeouts " + timeouts);
  }

  /** Nearest-rank percentile; {@code -1} when there are no samples. */
  static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static String ms(long nanos) {
    return nanos < 0 ? "NaN" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  static String join(Map<?, Integer> m) {
    if (m.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<?, Integer> e : m.entrySet()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(String.valueOf(e.getKey()).replace(' ', '_').replace(',', '_')).append(':').append(e.getValue());
    }
    return sb.toString();
  }

  static int indexOf(byte[] a, int len, byte[] pat, int from) {
    outer:
    for (int i = Math.max(0, from); i <= len - pat.length; i++) {
      for (int j = 0; j < pat.length; j++) {
        if (a[i + j] != pat[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
