-- Every index on call_record costs the import a random B-tree insert a row (blind indexes are random). The index
-- by import served only the tower dumps' query, which now finds a dump's rows by its cells and window through
-- call_record_cell_idx: one index fewer to maintain at ten million rows.
drop index call_record_import_idx;
