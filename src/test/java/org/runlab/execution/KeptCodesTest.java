package org.runlab.execution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeptCodesTest {
  @Test
  void aHashIsKnownOnlyAfterItWasKept() {
    KeptCodes kept = new KeptCodes(10);
    assertThat(kept.known("a")).isFalse();
    kept.kept("a");
    assertThat(kept.known("a")).isTrue();
  }

  @Test
  void theLeastRecentlyUsedHashGoesFirstWhenFull() {
    KeptCodes kept = new KeptCodes(2);
    kept.kept("a");
    kept.kept("b");
    assertThat(kept.known("a")).isTrue(); // "a" used last: "b" is now the eldest
    kept.kept("c");
    assertThat(kept.known("b")).isFalse();
    assertThat(kept.known("a")).isTrue();
    assertThat(kept.known("c")).isTrue();
  }
}
