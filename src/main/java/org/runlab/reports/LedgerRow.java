package org.runlab.reports;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One run of the ledger as the cost report sums it. */
record LedgerRow(
    UUID id,
    OffsetDateTime createdAt,
    String ownerKey,
    UUID userId,
    String tier,
    String engine,
    String lesson,
    long cpuMs,
    long wallMs,
    BigDecimal cost) {}
