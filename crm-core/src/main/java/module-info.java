/**
 * crmkit's customer core: customers, identity resolution, orders, interactions, timelines,
 * domain events, service, surveys, lost customers, privacy, sales and marketing, with in-memory
 * and JDBC stores. Every package is exported except {@code dev.crmkit.core.internal}.
 */
module dev.crmkit.core {
  // nullness is stated with JSpecify (@NullMarked packages, @Nullable where null is allowed)
  requires transitive org.jspecify;
  // in the API: Jackson annotations on the model and CrmJson.mapper() returns an ObjectMapper;
  // CrmStore.jdbc takes a javax.sql.DataSource
  requires transitive com.fasterxml.jackson.annotation;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive java.sql;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.google.i18n.phonenumbers.libphonenumber;
  requires org.slf4j;
  // Flyway has no module name of its own: this is the name the module system derives from its
  // jar (flyway-core-<version>.jar); the migrations it reads are opened below
  requires flyway.core;
  // the embedded store (Crm.embedded, CrmStore.h2): only when the host puts H2 on its path
  requires static com.h2database;
  // H2's data source implements javax.naming.Referenceable: without this module in the
  // configuration, loading it fails on the module path
  requires java.naming;

  exports dev.crmkit.core;
  exports dev.crmkit.core.base;
  exports dev.crmkit.core.customer;
  exports dev.crmkit.core.event;
  exports dev.crmkit.core.identity;
  exports dev.crmkit.core.interaction;
  exports dev.crmkit.core.json;
  exports dev.crmkit.core.lost;
  exports dev.crmkit.core.marketing;
  exports dev.crmkit.core.privacy;
  exports dev.crmkit.core.purchase;
  exports dev.crmkit.core.repository;
  exports dev.crmkit.core.sales;
  exports dev.crmkit.core.service;
  exports dev.crmkit.core.store;
  exports dev.crmkit.core.survey;
  exports dev.crmkit.core.time;
  exports dev.crmkit.core.timeline;

  // Jackson reads and writes the model (records, some package-private) by reflection
  opens dev.crmkit.core to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.base to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.customer to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.event to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.identity to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.interaction to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.lost to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.marketing to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.privacy to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.purchase to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.sales to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.service to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.store to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.survey to com.fasterxml.jackson.databind;
  opens dev.crmkit.core.timeline to com.fasterxml.jackson.databind;

  // CrmJson finds the event families of the feature packages through this service (so that the
  // json package, which the store uses, imports none of them); the provider is internal
  uses dev.crmkit.core.internal.EventFamilies;
  provides dev.crmkit.core.internal.EventFamilies with
      dev.crmkit.core.internal.events.CoreEventFamilies;

  // the Java migrations (V2): crmkit's store passes them to Flyway as instances; opened so that a
  // host's own Flyway on the module path can scan and instantiate them too (docs/core.md)
  opens dev.crmkit.core.store.migration;
}
