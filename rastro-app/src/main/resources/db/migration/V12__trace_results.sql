-- What a trace answered, as it answered it: the report of a trace is rendered from this, so a
-- report printed later says what the analyst saw then.
alter table trace add column result jsonb;
