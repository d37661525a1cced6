-- Times are shown in the reader's time zone: Mexico's centre by default, per account for those who work
-- elsewhere (America/Tijuana, America/Cancun, …). An IANA zone name; the application checks it exists.
alter table app_user add column time_zone text not null default 'America/Mexico_City'
    check (time_zone ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$');
