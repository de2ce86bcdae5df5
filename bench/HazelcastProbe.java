import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.util.Arrays;

/**
 * The floor under any cluster-exact admission: one entry processor on a one-member Hazelcast,
 * the same Hazelcast jar Payara Micro ships, in a JVM of its own with no Payara around it. Each
 * call is what a Bucket4j consumption is at the least: the caller hands the processor to the
 * key's partition thread and waits for the answer. Calls are spaced like requests (a sleep in
 * between), after enough calls for the JIT to settle.
 *
 * <p>Run by bench/quota.sh: {@code java -cp hazelcast.jar bench/HazelcastProbe.java CALLS GAP_MS PORT}.
 * Prints "warm" once the warm-up is done (so a caller can start its own load after this JVM's
 * start and warm-up), then one line: {@code p50 p99 max} in microseconds.
 */
public final class HazelcastProbe {
  private static final int WARM_UP = 50_000;

  public static void main(String[] args) {
    int calls = Integer.parseInt(args[0]);
    long gapMillis = Long.parseLong(args[1]);
    Config config = new Config();
    config.setClusterName("runlab-bench-probe-" + ProcessHandle.current().pid());
    config.setProperty("hazelcast.logging.type", "none");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().setPort(Integer.parseInt(args[2])).setPortAutoIncrement(true)
        .getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
    try {
      IMap<String, Long> map = hz.getMap("probe");
      EntryProcessor<String, Long, Long> take = e -> {
        e.setValue(e.getValue() == null ? 1 : e.getValue() + 1);
        return e.getValue();
      };
      for (int i = 0; i < WARM_UP; i++) {
        map.executeOnKey("k" + (i & 63), take);
      }
      System.out.println("warm");
      System.out.flush();
      long[] nanos = new long[calls];
      for (int i = 0; i < calls; i++) {
        Thread.sleep(gapMillis);
        long start = System.nanoTime();
        map.executeOnKey("k" + (i & 63), take);
        nanos[i] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      System.out.printf("%.1f µs | %.1f µs | %.1f µs | %d%n", nanos[calls / 2] / 1e3,
          nanos[calls * 99 / 100] / 1e3, nanos[calls - 1] / 1e3, calls);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      hz.shutdown();
    }
  }
}
