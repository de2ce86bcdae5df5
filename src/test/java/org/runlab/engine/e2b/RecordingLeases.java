package org.runlab.engine.e2b;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every lease event, for assertions. */
class RecordingLeases implements LeaseRecorder {
  final List<Lease> opened = new CopyOnWriteArrayList<>();
  final List<Lease> claimed = new CopyOnWriteArrayList<>();
  final List<Lease> closed = new CopyOnWriteArrayList<>();

  @Override
  public void opened(Lease lease) {
    opened.add(lease);
  }

  @Override
  public void claimed(Lease lease) {
    claimed.add(lease);
  }

  @Override
  public void closed(Lease lease) {
    closed.add(lease);
  }
}
