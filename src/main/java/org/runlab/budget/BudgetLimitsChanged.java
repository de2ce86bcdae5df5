package org.runlab.budget;

import java.math.BigDecimal;

/** The budget or hard cap in force changed on this member (an admin set them here or elsewhere). */
public record BudgetLimitsChanged(BigDecimal monthlyUsd, BigDecimal hardCapUsd) {}
