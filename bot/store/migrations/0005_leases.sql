-- Several processes on one database: which process holds a started slot, and until when. A
-- process renews its leases while it runs and gives them up when it stops; a live process
-- takes over the started slots of one whose lease ran out (it died) and settles them.
ALTER TABLE schedule_runs ADD COLUMN owner TEXT;
ALTER TABLE schedule_runs ADD COLUMN lease_until TEXT;
CREATE INDEX schedule_runs_owner ON schedule_runs (owner);
