# Summarizes `jfr print --stack-depth 64 --events jdk.ExecutionSample FILE`:
#   - self: the top frame of each sample (where the CPU was)
#   - total: every method on the stack, counted once per sample (inclusive)
#   - proxy: inclusive counts of io.wplive.* frames only
# Usage: awk -f bench/jfr-top.awk samples.txt   (TOP=25 to change the length)
BEGIN { top = ENVIRON["TOP"] ? ENVIRON["TOP"] + 0 : 25 }
/stackTrace = \[/ { inStack = 1; first = 1; delete seen; samples++; next }
inStack && /^[ \t]*\]/ { inStack = 0; next }
inStack {
  line = $0
  sub(/^[ \t]+/, "", line)
  if (line ~ /^\.\.\./) next
  sub(/[ \t]+line:.*$/, "", line)
  sub(/\(.*$/, "", line)
  if (first) { self[line]++; first = 0 }
  if (!(line in seen)) { seen[line] = 1; total[line]++; if (line ~ /^io\.wplive\./) proxy[line]++ }
}
function dump(title, arr,   n, k, i, keys, cmd) {
  printf "\n== %s (of %d samples) ==\n", title, samples
  cmd = "sort -t'\t' -k1,1nr | head -" top
  for (k in arr) printf "%d\t%5.1f%%\t%s\n", arr[k], 100 * arr[k] / samples, k | cmd
  close(cmd)
}
END {
  if (samples == 0) { print "no jdk.ExecutionSample events"; exit }
  dump("self time: top frames", self)
  dump("inclusive: methods on the stack", total)
  dump("inclusive: io.wplive.* methods", proxy)
}
