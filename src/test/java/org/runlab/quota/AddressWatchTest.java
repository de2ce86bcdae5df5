package org.runlab.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.runlab.platform.cluster.SharedMap;

class AddressWatchTest {
  @Test
  void flagsTheFourthAccountOnOneAddressWithinAnHourAndSharesItsBudget() {
    AddressWatch watch = new AddressWatch(SharedMap.inMemory(), Clock.systemUTC(), 3);

    assertThat(watch.see("10.1.1.1", "user:a").shared()).isFalse();
    assertThat(watch.see("10.1.1.1", "user:b").shared()).isFalse();
    assertThat(watch.see("10.1.1.1", "user:c").shared()).isFalse();
    AddressWatch.Verdict fourth = watch.see("10.1.1.1", "user:d");
    AddressWatch.Verdict fifth = watch.see("10.1.1.1", "user:e");

    assertThat(fourth.shared()).isTrue();
    assertThat(fourth.newlyFlagged()).isTrue();
    assertThat(fifth.newlyFlagged()).isFalse();
    assertThat(watch.see("10.1.1.1", "user:a").shared()).isFalse();
    assertThat(watch.see("10.9.9.9", "user:d").shared()).isFalse();
  }
}
