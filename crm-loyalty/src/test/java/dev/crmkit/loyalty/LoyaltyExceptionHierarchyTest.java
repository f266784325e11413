package dev.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.base.CrmException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** crm-loyalty's refusals form one family under {@link LoyaltyException}. */
class LoyaltyExceptionHierarchyTest {

  @Test
  void every_named_kind_is_a_loyalty_exception_and_a_crm_exception() {
    List<Class<? extends LoyaltyException>> kinds = List.of(
        InsufficientPointsException.class, IdempotencyConflictException.class,
        UnknownReferenceException.class, AlreadyRecordedException.class,
        OperationRefusedException.class);
    for (Class<? extends LoyaltyException> kind : kinds) {
      assertThat(java.lang.reflect.Modifier.isFinal(kind.getModifiers())).as(kind.getName()).isTrue();
    }
    assertThat(CrmException.class).isAssignableFrom(LoyaltyException.class);
    assertThat(RuntimeException.class).isAssignableFrom(LoyaltyException.class);
    assertThat(new OperationRefusedException("x").retryable()).isFalse();
  }
}
