package dev.crmkit.core.internal.events;

import dev.crmkit.core.customer.CustomerEvent;
import dev.crmkit.core.identity.IdentityEvent;
import dev.crmkit.core.interaction.InteractionEvent;
import dev.crmkit.core.internal.EventFamilies;
import dev.crmkit.core.lost.LostCustomerEvent;
import dev.crmkit.core.privacy.PrivacyEvent;
import dev.crmkit.core.purchase.PurchaseEvent;
import dev.crmkit.core.sales.SalesEvent;
import dev.crmkit.core.service.ServiceEvent;
import dev.crmkit.core.survey.SurveyEvent;
import java.util.List;

/**
 * crm-core's event families, registered in {@code META-INF/services} and in the module
 * descriptor; crm-consumer-tests' ArchitectureTest checks that every family of crm-core is here.
 */
public final class CoreEventFamilies implements EventFamilies {

  @Override
  public List<Class<?>> families() {
    return List.of(CustomerEvent.class, IdentityEvent.class, PurchaseEvent.class,
        InteractionEvent.class, SalesEvent.class, ServiceEvent.class, SurveyEvent.class,
        LostCustomerEvent.class, PrivacyEvent.class);
  }
}
