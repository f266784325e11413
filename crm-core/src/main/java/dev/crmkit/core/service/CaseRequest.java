package dev.crmkit.core.service;

import static dev.crmkit.core.internal.Checks.freeText;
import static dev.crmkit.core.internal.Checks.notNull;
import static dev.crmkit.core.internal.Checks.text;

import dev.crmkit.core.base.Channel;
import dev.crmkit.core.base.CustomerId;
import java.util.Optional;

/**
 * What a host knows when a case comes in; {@link ServiceDesk#open} adds the id and the time.
 * Owner and subject are required: a complaint without an owner is the thing this library exists
 * to prevent. Each setter checks its value at once.
 *
 * <pre>{@code
 * CaseRequest.of(annaId, CaseType.REPAIR, Priority.NORMAL, Channel.SERVICE_STATION)
 *     .owner("agent-3").subject("brakes squeak").product("A-CLASS-180");
 * }</pre>
 */
public final class CaseRequest {

  final CustomerId customerId;
  final CaseType type;
  final Priority priority;
  final Channel channel;
  String owner;
  String subject;
  String description = "";
  Optional<String> product = Optional.empty();
  Optional<String> category = Optional.empty();

  private CaseRequest(CustomerId customerId, CaseType type, Priority priority, Channel channel) {
    this.customerId = notNull("customerId", customerId);
    this.type = notNull("type", type);
    this.priority = notNull("priority", priority);
    this.channel = notNull("channel", channel);
  }

  public static CaseRequest of(CustomerId customerId, CaseType type, Priority priority,
      Channel channel) {
    return new CaseRequest(customerId, type, priority, channel);
  }

  public CaseRequest owner(String value) {
    owner = text("owner", value);
    return this;
  }

  public CaseRequest subject(String value) {
    subject = text("subject", value);
    return this;
  }

  public CaseRequest description(String value) {
    description = freeText("description", value);
    return this;
  }

  public CaseRequest product(String value) {
    product = Optional.of(text("product", value));
    return this;
  }

  public CaseRequest category(String value) {
    category = Optional.of(text("category", value));
    return this;
  }
}
