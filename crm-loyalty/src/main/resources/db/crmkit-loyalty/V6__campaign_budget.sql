-- crm-loyalty schema, version 6: campaign budgets. One row per campaign: the row a purchase that
-- earns campaign points locks (after the member row) and the points drawn from the budget so far,
-- updated in the same transaction as the entries, so concurrent purchases, on any number of
-- stores sharing the database, never draw more than the budget. Plain SQL for H2 2.x and PostgreSQL 12+.

CREATE TABLE loyalty_budget (
  budget_id VARCHAR(200) PRIMARY KEY,
  used      BIGINT DEFAULT 0 NOT NULL
);
