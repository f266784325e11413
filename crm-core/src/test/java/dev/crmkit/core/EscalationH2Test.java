package dev.crmkit.core;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** {@link EscalationTest} on an embedded H2 database. */
class EscalationH2Test extends EscalationTest {

  @Override
  Crm crm(Clock clock) {
    return H2Crms.open(clock);
  }

  @AfterEach
  void closeDatabase() {
    H2Crms.close(crm);
  }
}
