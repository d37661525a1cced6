-- Events by the organisation where they happened: "did this holder count since?" (tracing), an
-- organisation's losses and counts (accountability). Without it each such question read every event.
create index custody_event_organisation_idx on custody_event (organisation_id, kind, occurred_on);
