-- crm-loyalty schema, version 5: an index on a member's entries by time, so that a monthly
-- statement (Loyalty.statement) reads the entries from the month's start on, not the member's
-- whole ledger. Plain SQL for H2 2.x and PostgreSQL 12+.

CREATE INDEX loyalty_entry_time ON loyalty_entry (member_id, occurred_at);
