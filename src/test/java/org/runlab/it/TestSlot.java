package org.runlab.it;

/**
 * The slot of this integration-test run on its host ({@code -Dit.slot=N}, which {@code bin/runlab
 * test} sets from RUNLAB_TEST_SLOT; 0 to 9, default 0). Every port, database, cluster, cgroup and
 * sandbox directory a run takes is derived from it, so runs in different slots never meet; slot 0
 * keeps the plain names.
 */
record TestSlot(int number) {
  static final TestSlot CURRENT = new TestSlot(Integer.getInteger("it.slot", 0));

  TestSlot {
    if (number < 0 || number > 9) {
      throw new IllegalArgumentException("it.slot (RUNLAB_TEST_SLOT) is 0 to 9, not " + number);
    }
  }

  /** Slot 0's port moved by ten per slot; no two families of ports in this package meet for 0 to 9. */
  int port(int slotZeroPort) {
    return slotZeroPort + 10 * number;
  }

  /**
   * Slot 0's name, in other slots with the slot number appended after the separator the name
   * already uses ({@code runlab_it_3}, {@code runlab-quota-cluster-3}); bin/runlab names the
   * database the same way.
   */
  String name(String slotZeroName) {
    return number == 0 ? slotZeroName : slotZeroName + (slotZeroName.contains("-") ? "-" : "_") + number;
  }
}
