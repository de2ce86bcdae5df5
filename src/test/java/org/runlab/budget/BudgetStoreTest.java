package org.runlab.budget;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.runlab.platform.errors.InvalidInputException;

class BudgetStoreTest {
  @Test
  void negativeAmountsAreRefusedOnTheirField() {
    assertThatThrownBy(() -> BudgetStore.validate(new BigDecimal("-1"), new BigDecimal("10")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("monthly budget cannot be negative");
    assertThatThrownBy(() -> BudgetStore.validate(new BigDecimal("1"), new BigDecimal("-10")))
        .hasMessageContaining("hard cap cannot be negative");
  }

  @Test
  void aHardCapBelowTheBudgetIsRefusedButZeroMeansNone() {
    assertThatThrownBy(() -> BudgetStore.validate(new BigDecimal("100"), new BigDecimal("50")))
        .hasMessageContaining("must be at or above the monthly budget");
    assertThatCode(() -> BudgetStore.validate(new BigDecimal("100"), BigDecimal.ZERO)).doesNotThrowAnyException();
    assertThatCode(() -> BudgetStore.validate(new BigDecimal("100"), new BigDecimal("100"))).doesNotThrowAnyException();
  }
}
