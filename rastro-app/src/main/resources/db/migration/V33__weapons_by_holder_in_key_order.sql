-- Issue 23, paging: a holder's weapons in (normalised serial, id) order straight from an index, so a cursor
-- walk reads each slice without sorting the holder's whole list. It serves holder lookups too, so it
-- replaces the single-column index (the import maintains as many indexes as before).
create index weapon_holder_serial_idx on weapon (holder_id, serial_normalised, id);
drop index weapon_holder_idx;
