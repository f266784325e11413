package dev.crmkit.testkit;

import static dev.crmkit.testkit.JsonRoundTripTest.roundTrips;

import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.event.DomainEvent;
import dev.crmkit.core.lost.Departure;
import dev.crmkit.core.lost.WinBackAttempt;
import dev.crmkit.core.privacy.AccessLevel;
import dev.crmkit.core.privacy.AccessPolicy;
import dev.crmkit.core.privacy.CustomerView;
import dev.crmkit.core.service.Escalation;
import dev.crmkit.core.service.ServiceCase;
import dev.crmkit.core.survey.FollowUp;
import dev.crmkit.core.survey.SurveyResponse;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The service, satisfaction, lost-customer and privacy types survive JSON unchanged. */
class ServiceJsonRoundTripTest {

  @Property(tries = 200)
  void service_cases(@ForAll("cases") ServiceCase c) throws Exception {
    roundTrips(c, ServiceCase.class);
  }

  @Property(tries = 100)
  void escalations(@ForAll("escalations") Escalation e) throws Exception {
    roundTrips(e, Escalation.class);
  }

  @Property(tries = 100)
  void survey_responses(@ForAll("responses") SurveyResponse r) throws Exception {
    roundTrips(r, SurveyResponse.class);
  }

  @Property(tries = 100)
  void follow_ups(@ForAll("followUps") FollowUp f) throws Exception {
    roundTrips(f, FollowUp.class);
  }

  @Property(tries = 100)
  void departures_and_win_backs(@ForAll("departures") Departure d,
      @ForAll("winBacks") WinBackAttempt w) throws Exception {
    roundTrips(d, Departure.class);
    roundTrips(w, WinBackAttempt.class);
  }

  @Property(tries = 200)
  void events(@ForAll("events") DomainEvent e) throws Exception {
    roundTrips(e, DomainEvent.class);
  }

  @Property(tries = 100)
  void customer_views(@ForAll("customers") Customer c, @ForAll AccessLevel level)
      throws Exception {
    roundTrips(AccessPolicy.defaults().view(c, level), CustomerView.class);
  }

  @Provide
  Arbitrary<ServiceCase> cases() {
    return ServiceArbitraries.serviceCases();
  }

  @Provide
  Arbitrary<Escalation> escalations() {
    return ServiceArbitraries.escalations();
  }

  @Provide
  Arbitrary<SurveyResponse> responses() {
    return ServiceArbitraries.surveyResponses();
  }

  @Provide
  Arbitrary<FollowUp> followUps() {
    return ServiceArbitraries.followUps();
  }

  @Provide
  Arbitrary<Departure> departures() {
    return ServiceArbitraries.departures();
  }

  @Provide
  Arbitrary<WinBackAttempt> winBacks() {
    return ServiceArbitraries.winBackAttempts();
  }

  @Provide
  Arbitrary<DomainEvent> events() {
    return ServiceArbitraries.events();
  }

  @Provide
  Arbitrary<Customer> customers() {
    return CrmArbitraries.customers();
  }
}
