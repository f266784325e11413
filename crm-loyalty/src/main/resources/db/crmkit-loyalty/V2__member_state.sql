-- crm-loyalty schema, version 2: each member's current state, kept by every write in the same
-- transaction as the entries it summarises, so that a write reads the member row and the lots it
-- consumes instead of the member's whole ledger. The ledger stays append-only and the truth:
-- LedgerStore.verify recomputes this state from it. Plain SQL for H2 2.x and PostgreSQL 12+.

ALTER TABLE loyalty_member ADD COLUMN last_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE loyalty_member ADD COLUMN debt BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE loyalty_member ADD COLUMN total BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE loyalty_member ADD COLUMN earned BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE loyalty_member ADD COLUMN spent BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE loyalty_member ADD COLUMN expired BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE loyalty_member ADD COLUMN reversed BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE loyalty_member ADD COLUMN purchases BIGINT DEFAULT 0 NOT NULL;

-- Open lots (remaining > 0). expiry_key is expires_at, or 9999-12-31T23:59:59Z for lots that never
-- expire, so that one index serves the spending order and the expiry job.
CREATE TABLE loyalty_lot (
  member_id    VARCHAR(128) NOT NULL REFERENCES loyalty_member (member_id),
  lot_seq      BIGINT       NOT NULL,
  kind         VARCHAR(16)  NOT NULL,
  ref          VARCHAR(200),
  available_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE,
  expiry_key   TIMESTAMP WITH TIME ZONE NOT NULL,
  remaining    BIGINT       NOT NULL,
  PRIMARY KEY (member_id, lot_seq),
  FOREIGN KEY (member_id, lot_seq) REFERENCES loyalty_entry (member_id, seq)
);
CREATE INDEX loyalty_lot_spend ON loyalty_lot (member_id, expiry_key, lot_seq);
CREATE INDEX loyalty_lot_due ON loyalty_lot (expiry_key);

-- A write looks up the entries of one order or reservation, and the earns of a limited rule.
CREATE INDEX loyalty_entry_ref ON loyalty_entry (member_id, ref);
CREATE INDEX loyalty_entry_reason ON loyalty_entry (member_id, reason, occurred_at);

-- State of the ledgers written before version 2, computed from them.
UPDATE loyalty_member SET
  last_seq  = COALESCE((SELECT MAX(e.seq) FROM loyalty_entry e WHERE e.member_id = loyalty_member.member_id), 0),
  debt      = COALESCE((SELECT -SUM(e.points) FROM loyalty_entry e WHERE e.member_id = loyalty_member.member_id AND e.lot IS NULL), 0),
  total     = COALESCE((SELECT SUM(e.points) FROM loyalty_entry e WHERE e.member_id = loyalty_member.member_id), 0),
  earned    = COALESCE((SELECT SUM(e.points) FROM loyalty_entry e WHERE e.member_id = loyalty_member.member_id
                AND (e.kind = 'EARN' OR (e.kind = 'ADJUST' AND e.points > 0))), 0),
  spent     = COALESCE((SELECT -SUM(e.points) FROM loyalty_entry e WHERE e.member_id = loyalty_member.member_id
                AND (e.kind IN ('REDEEM', 'HOLD', 'RESTORE') OR (e.kind = 'ADJUST' AND e.points < 0))), 0),
  expired   = COALESCE((SELECT -SUM(e.points) FROM loyalty_entry e WHERE e.member_id = loyalty_member.member_id AND e.kind = 'EXPIRE'), 0),
  reversed  = COALESCE((SELECT -SUM(e.points) FROM loyalty_entry e WHERE e.member_id = loyalty_member.member_id AND e.kind = 'REVERSE'), 0),
  purchases = (SELECT COUNT(*) FROM loyalty_entry e WHERE e.member_id = loyalty_member.member_id AND e.kind = 'PURCHASE');

INSERT INTO loyalty_lot (member_id, lot_seq, kind, ref, available_at, expires_at, expiry_key, remaining)
SELECT o.member_id, o.seq, o.kind, o.ref, o.available_at, o.expires_at,
       COALESCE(o.expires_at, TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59+00'), s.remaining
FROM loyalty_entry o
JOIN (SELECT member_id, lot, SUM(points) AS remaining FROM loyalty_entry WHERE lot IS NOT NULL GROUP BY member_id, lot) s
  ON s.member_id = o.member_id AND s.lot = o.seq
WHERE o.lot = o.seq AND s.remaining > 0;
