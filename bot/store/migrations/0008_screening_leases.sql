-- Several processes on one database, for screening slots as for schedule runs (0005): which
-- process holds a started slot and until when, and when its platform call began (a slot taken
-- over that was never attempted sent nothing and is posted; one attempted is settled as in doubt).
ALTER TABLE screening_slots ADD COLUMN owner TEXT;
ALTER TABLE screening_slots ADD COLUMN lease_until TEXT;
ALTER TABLE screening_slots ADD COLUMN attempted_at TEXT;
CREATE INDEX screening_slots_owner ON screening_slots (owner);
-- A slot an older version left started may have been under way: settled as in doubt, never
-- taken for one that sent nothing.
UPDATE screening_slots SET attempted_at = started_at WHERE status = 'started';
