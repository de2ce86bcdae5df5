package org.runlab.reports;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One ended E2B sandbox lease as the cost report splits it. */
record LeaseRow(
    UUID id, OffsetDateTime endedAt, long billedSeconds, long poolIdleSeconds, BigDecimal cost,
    BigDecimal poolIdleCost) {}
