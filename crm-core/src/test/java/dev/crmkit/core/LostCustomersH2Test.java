package dev.crmkit.core;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** {@link LostCustomersTest} on an embedded H2 database. */
class LostCustomersH2Test extends LostCustomersTest {

  @Override
  Crm crm(Clock clock) {
    return H2Crms.open(clock);
  }

  @AfterEach
  void closeDatabase() {
    H2Crms.close(crm);
  }
}
