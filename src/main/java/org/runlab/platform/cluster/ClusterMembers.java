package org.runlab.platform.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The Hazelcast cluster's members as this member sees them: each join and leave is logged (so an
 * operator reads in any member's log when a member came or went) and kept for the console, with
 * when each member started (every member writes its own start into a shared map) and, for a member
 * that left, when it left. Departed members are shown for {@link #KEEP_LEFT}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ClusterMembers {
  private static final Logger LOG = Logger.getLogger(ClusterMembers.class.getName());
  /** Payara Micro binds its Hazelcast instance here. */
  static final String JNDI = "payara/Hazelcast";
  /** The shared map of member uuid to its start (epoch ms). */
  static final String STARTS = "runlab-member-starts";
  static final Duration KEEP_LEFT = Duration.ofHours(1);

  /** One member: its Hazelcast address, since when it is a member, its state now. */
  public record MemberState(String address, Instant since, State state, Instant leftAt) {}

  /** Whether a member is this one, another one alive, or gone. */
  public enum State {
    THIS_MEMBER("this member"), UP("up"), LEFT("left");

    private final String words;

    State(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  @Inject private ClusterMaps maps;

  private HazelcastInstance hazelcast;
  private UUID listener;
  private SharedMap starts;
  private final Map<UUID, MemberState> left = new ConcurrentHashMap<>();
  private final Map<UUID, Instant> firstSeen = new ConcurrentHashMap<>();

  @PostConstruct
  void start() {
    hazelcast = lookup().orElse(null);
    if (hazelcast == null) {
      return;
    }
    starts = maps.map(STARTS, null);
    Member self = hazelcast.getCluster().getLocalMember();
    try {
      starts.putIfAbsent(self.getUuid().toString(), Long.toString(System.currentTimeMillis()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not tell the cluster when this member started", e);
    }
    Instant now = Instant.now();
    hazelcast.getCluster().getMembers().forEach(m -> firstSeen.putIfAbsent(m.getUuid(), now));
    listener = hazelcast.getCluster().addMembershipListener(new Listener());
    LOG.info("Runlab cluster: this member is " + address(self) + " in "
        + hazelcast.getConfig().getClusterName() + " with " + hazelcast.getCluster().getMembers().size()
        + " member(s): " + addresses(hazelcast.getCluster().getMembers()));
  }

  private static Optional<HazelcastInstance> lookup() {
    try {
      return Optional.of((HazelcastInstance) new InitialContext().lookup(JNDI));
    } catch (NamingException | RuntimeException | LinkageError e) {
      LOG.log(Level.INFO, "No Hazelcast instance at " + JNDI + ": this instance reports no cluster members", e);
      return Optional.empty();
    }
  }

  @PreDestroy
  void stop() {
    if (hazelcast != null && listener != null) {
      try {
        hazelcast.getCluster().removeMembershipListener(listener);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Could not stop listening to membership", e);
      }
    }
  }

  /** Every member, alive first (this one at the top), then those that left within the last hour. */
  public List<MemberState> members() {
    List<MemberState> out = new ArrayList<>();
    if (hazelcast == null) {
      return out;
    }
    Member self = hazelcast.getCluster().getLocalMember();
    for (Member m : hazelcast.getCluster().getMembers()) {
      out.add(new MemberState(address(m), since(m.getUuid()), m.equals(self) ? State.THIS_MEMBER : State.UP, null));
    }
    out.sort(Comparator.comparing((MemberState s) -> s.state() != State.THIS_MEMBER));
    Instant cutoff = Instant.now().minus(KEEP_LEFT);
    left.values().removeIf(s -> s.leftAt().isBefore(cutoff));
    left.values().stream().sorted(Comparator.comparing(MemberState::leftAt).reversed()).forEach(out::add);
    return out;
  }

  /** How many members the cluster has now (1 when not clustered). */
  public int size() {
    return hazelcast == null ? 1 : hazelcast.getCluster().getMembers().size();
  }

  private Instant since(UUID member) {
    try {
      String ms = starts.get(member.toString());
      if (ms != null) {
        return Instant.ofEpochMilli(Long.parseLong(ms));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Start of member " + member + " unknown", e);
    }
    return firstSeen.getOrDefault(member, Instant.now());
  }

  private static String address(Member m) {
    return m.getAddress().getHost() + ":" + m.getAddress().getPort();
  }

  private static String addresses(java.util.Collection<Member> members) {
    return members.stream().map(ClusterMembers::address).sorted().toList().toString();
  }

  /** Hears members come and go; Hazelcast calls it on its event thread. */
  private final class Listener implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      Member m = event.getMember();
      firstSeen.putIfAbsent(m.getUuid(), Instant.now());
      left.remove(m.getUuid());
      LOG.info("Runlab cluster: member joined: " + address(m) + " (" + m.getUuid() + "); now "
          + event.getMembers().size() + " member(s): " + addresses(event.getMembers()));
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      Member m = event.getMember();
      Instant now = Instant.now();
      left.put(m.getUuid(), new MemberState(address(m), since(m.getUuid()), State.LEFT, now));
      LOG.warning("Runlab cluster: member left: " + address(m) + " (" + m.getUuid() + "); now "
          + event.getMembers().size() + " member(s): " + addresses(event.getMembers()));
      try {
        starts.update(m.getUuid().toString(), new Forget());
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Could not forget the start of member " + m.getUuid(), e);
      }
    }
  }

  /** Removes a departed member's start from the shared map (any survivor may; the first does). */
  record Forget() implements SharedMap.Update<Boolean> {
    @Override
    public SharedMap.Change<Boolean> apply(String current) {
      return new SharedMap.Change<>(null, current != null);
    }
  }
}
