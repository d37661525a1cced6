-- The legal purpose an investigator states (a case or warrant number) for a query of personal data.
alter table audit_event add column purpose text check (length(purpose) <= 200);
