package dev.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import dev.crmkit.core.base.InvalidInputException;
import dev.crmkit.core.base.Money;
import dev.crmkit.core.customer.BuyingRole;
import dev.crmkit.core.customer.Contact;
import dev.crmkit.core.customer.IdentityKey;
import dev.crmkit.core.customer.PhoneNumber;
import dev.crmkit.core.customer.Registration;
import dev.crmkit.core.interaction.Direction;
import dev.crmkit.core.interaction.InteractionRequest;
import dev.crmkit.core.interaction.InteractionType;
import dev.crmkit.core.purchase.OrderRequest;
import dev.crmkit.core.purchase.ReturnRequest;
import dev.crmkit.core.sales.LeadRequest;
import dev.crmkit.core.service.ServiceDesk;
import dev.crmkit.core.time.SettableClock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rejected value is quoted cut to a sane length: a host echoes or logs the message, and a
 * 200,000-character input must not come back whole.
 */
class LongValuesInMessagesTest {

  private static final int HUGE = 200_000;
  private static final String X = "x".repeat(HUGE);
  private static final String DIGITS = "1".repeat(HUGE);
  private static final String ID = "A".repeat(HUGE);

  private static final SettableClock CLOCK = SettableClock.of(Fixtures.T0, ZoneOffset.UTC);
  private static final Crm CRM = Fixtures.crm(CLOCK);
  private static final CustomerId ANNA = CRM.register(Fixtures.anna()).id();
  private static final CustomerId ACME = CRM.register(Fixtures.acme()).id();
  private static final ServiceDesk DESK = ServiceFixtures.desk(CRM, CLOCK);

  static Stream<Arguments> fields() {
    List<Arguments> calls = new ArrayList<>();
    calls.add(field("email", () -> Registration.individual("A").email(X + "@example.com")));
    calls.add(field("phone", () -> Registration.individual("A").phone(DIGITS)));
    calls.add(field("phone", () -> Registration.individual("A").phone("+" + DIGITS, "49")));
    calls.add(field("callingCode", () -> PhoneNumber.of("030 1234567", DIGITS)));
    calls.add(field("nationalId", () -> Registration.individual("A").nationalId(DIGITS)));
    calls.add(field("code", () -> Registration.individual("A").code(X + " y")));
    calls.add(field("externalId.scheme", () -> Registration.individual("A").externalId(X + "!", "1")));
    calls.add(field("externalId.value", () -> Registration.individual("A").externalId("VIN", DIGITS)));
    calls.add(field("externalId", () -> new IdentityKey(IdentityKey.Kind.EXTERNAL_ID, DIGITS)));
    calls.add(field("customerId", () -> CustomerId.of(ID)));
    calls.add(field("name", () -> Registration.individual(X)));
    calls.add(field("orderId", () -> OrderRequest.of(ANNA, Channel.WEB, "EUR").orderId(ID + "!")));
    calls.add(field("returnId", () -> ReturnRequest.of("O-1").returnId(ID + "!")));
    calls.add(field("interactionId", () -> InteractionRequest.of(ANNA, Channel.HOTLINE,
        InteractionType.INQUIRY, Direction.INBOUND).id(ID + "!")));
    calls.add(field("contact.id", () -> Contact.of(ID + "!", "Grace", BuyingRole.BUYER)));
    calls.add(field("contactId", () -> CRM.logInteraction(InteractionRequest.of(ACME, Channel.HOTLINE,
        InteractionType.INQUIRY, Direction.INBOUND).contact(ID))));
    calls.add(field("sku", () -> OrderRequest.of(ANNA, Channel.WEB, "EUR")
        .line(X, "c", 1, Money.of("1", "EUR"), Money.of("1", "EUR"))));
    calls.add(field("caseId", () -> DESK.get(ID)));
    calls.add(field("email", () -> LeadRequest.of("Ben", Channel.WEB).email(X + "@example.com")));
    calls.add(field("nationalId", () -> LeadRequest.of("Ben", Channel.WEB).companyNationalId(DIGITS)));
    return calls.stream();
  }

  private static Arguments field(String name, ThrowingCallable call) {
    return Arguments.of(name, call);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void a_huge_rejected_value_is_quoted_cut_naming_the_field(String field, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(thrown.getMessage())
        .startsWith(field + ": '")
        .contains("characters)'")
        .hasSizeLessThan(400);
  }

  @Test
  void short_values_are_quoted_whole_and_long_ones_keep_their_start_and_length() {
    assertThat(quoted("anna@")).isEqualTo("anna@");
    assertThat(quoted("a".repeat(40))).isEqualTo("a".repeat(40));
    assertThat(quoted("b".repeat(41))).isEqualTo("b".repeat(40) + "... (41 characters)");
    // never splits a surrogate pair
    String emoji = "a".repeat(39) + "\uD83D\uDE00" + "zzz";
    assertThat(quoted(emoji)).isEqualTo("a".repeat(39) + "... (44 characters)");
  }

  /** The value as an InvalidInputException's message quotes it. */
  private static String quoted(Object value) {
    String message = new InvalidInputException("field", value, "x").getMessage();
    return message.substring("field: '".length(), message.lastIndexOf("' is not valid"));
  }
}
