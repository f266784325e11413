package dev.crmkit.core;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** {@link CaseLifecycleTest} on an embedded H2 database. */
class CaseLifecycleH2Test extends CaseLifecycleTest {

  @Override
  Crm crm(Clock clock) {
    return H2Crms.open(clock);
  }

  @AfterEach
  void closeDatabase() {
    H2Crms.close(crm);
  }
}
