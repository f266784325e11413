-- crm-loyalty ledger schema, version 1. Plain SQL that H2 2.x and PostgreSQL 12+ both accept.
-- Append-only: rows are inserted, never updated or deleted; balances are derived by queries.

-- One row per member: the row the writers lock (SELECT ... FOR UPDATE) to serialise a member.
CREATE TABLE loyalty_member (
  member_id VARCHAR(128) PRIMARY KEY
);

-- One row per idempotency key; the primary key makes a key write once, even across members.
CREATE TABLE loyalty_operation (
  op_key      VARCHAR(200) PRIMARY KEY,
  member_id   VARCHAR(128) NOT NULL REFERENCES loyalty_member (member_id),
  fingerprint VARCHAR(64)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE loyalty_entry (
  member_id    VARCHAR(128) NOT NULL REFERENCES loyalty_member (member_id),
  seq          BIGINT       NOT NULL,
  kind         VARCHAR(16)  NOT NULL,
  points       BIGINT       NOT NULL,
  lot          BIGINT,
  occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  available_at TIMESTAMP WITH TIME ZONE,
  expires_at   TIMESTAMP WITH TIME ZONE,
  reason       VARCHAR(200) NOT NULL,
  ref          VARCHAR(200),
  spend        NUMERIC(38, 12),
  op_key       VARCHAR(200) REFERENCES loyalty_operation (op_key),
  PRIMARY KEY (member_id, seq),
  FOREIGN KEY (member_id, lot) REFERENCES loyalty_entry (member_id, seq)
);
CREATE INDEX loyalty_entry_op ON loyalty_entry (op_key);

-- The row writers lock to serialise the reservations of one voucher series (total limits).
CREATE TABLE loyalty_voucher_series (
  series_id VARCHAR(200) PRIMARY KEY
);

CREATE TABLE loyalty_voucher_code (
  code       VARCHAR(200) PRIMARY KEY,
  series_id  VARCHAR(200) NOT NULL REFERENCES loyalty_voucher_series (series_id),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX loyalty_voucher_code_series ON loyalty_voucher_code (series_id);

-- Reservation events: RESERVED, then CONFIRMED or RELEASED; each state at most once per hold.
CREATE TABLE loyalty_hold (
  hold_id     VARCHAR(200) NOT NULL,
  hold_state  VARCHAR(16)  NOT NULL,
  member_id   VARCHAR(128) NOT NULL REFERENCES loyalty_member (member_id),
  series_id   VARCHAR(200) REFERENCES loyalty_voucher_series (series_id),
  code        VARCHAR(200) REFERENCES loyalty_voucher_code (code),
  occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
  points      BIGINT       NOT NULL,
  ref         VARCHAR(200),
  op_key      VARCHAR(200) NOT NULL REFERENCES loyalty_operation (op_key),
  PRIMARY KEY (hold_id, hold_state)
);
CREATE INDEX loyalty_hold_member ON loyalty_hold (member_id);
CREATE INDEX loyalty_hold_series ON loyalty_hold (series_id);
