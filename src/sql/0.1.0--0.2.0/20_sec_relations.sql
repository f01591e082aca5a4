
-- news.gazetteer_changed also enforces the gazetteer's size limits
-- (src/sql/50_entities.sql).
COMMENT ON FUNCTION news.gazetteer_changed() IS
'trigger: invalidates the compiled gazetteer of every session after news.gazetteer changes; rejects an INSERT or UPDATE that leaves more than 200000 rows or 32 MB of text (SQLSTATE 54000)';
