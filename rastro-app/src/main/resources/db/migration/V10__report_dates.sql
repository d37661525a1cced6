-- A loss or theft report has two dates: when the loss happened (occurred_on) and when it was
-- reported (reported_on). A report dated after the weapon was recovered elsewhere is a red flag that
-- tracing must see, and the time the report was typed in (recorded_at) is not that date. Reports
-- recorded before this migration were reported when they were recorded (the trigger is off only
-- while the new column is filled; no existing value changes).
alter table custody_event add column reported_on date;
alter table custody_event disable trigger custody_event_append_only;
update custody_event set reported_on = greatest(occurred_on, (recorded_at at time zone 'UTC')::date)
 where kind::text in ('LOSS_REPORT', 'THEFT_REPORT');
alter table custody_event enable trigger custody_event_append_only;
alter table custody_event add constraint custody_event_reported_on check (
    (reported_on is null) = (kind::text not in ('LOSS_REPORT', 'THEFT_REPORT')) and
    (reported_on is null or reported_on >= occurred_on));
