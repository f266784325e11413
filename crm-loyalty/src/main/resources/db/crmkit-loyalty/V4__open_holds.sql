-- crm-loyalty schema, version 4: the open reservations (reserved, neither confirmed nor released),
-- kept by every write in the same transaction as its hold events, so that releasing the holds a
-- program's holdMinutes has run out on reads an index instead of every hold ever made.
-- Plain SQL for H2 2.x and PostgreSQL 12+.

CREATE TABLE loyalty_open_hold (
  hold_id     VARCHAR(200) PRIMARY KEY,
  member_id   VARCHAR(128) NOT NULL REFERENCES loyalty_member (member_id),
  reserved_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX loyalty_open_hold_due ON loyalty_open_hold (reserved_at);

-- the reservations open when this version is applied
INSERT INTO loyalty_open_hold (hold_id, member_id, reserved_at)
SELECT h.hold_id, h.member_id, h.occurred_at FROM loyalty_hold h
WHERE h.hold_state = 'RESERVED'
  AND NOT EXISTS (SELECT 1 FROM loyalty_hold s WHERE s.hold_id = h.hold_id AND s.hold_state <> 'RESERVED');
