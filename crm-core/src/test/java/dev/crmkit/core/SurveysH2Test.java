package dev.crmkit.core;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/** {@link SurveysTest} on an embedded H2 database. */
class SurveysH2Test extends SurveysTest {

  @Override
  Crm crm(Clock clock) {
    return H2Crms.open(clock);
  }

  @AfterEach
  void closeDatabase() {
    H2Crms.close(crm);
  }
}
