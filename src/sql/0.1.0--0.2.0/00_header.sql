-- news_analytics upgrade from 0.1.0 to 0.2.0, assembled from
-- src/sql/0.1.0--0.2.0/[0-9]*.sql.  Each piece mirrors a change to the
-- install pieces src/sql/[0-9]*.sql; test/t/upgrade.sh checks that an
-- upgraded database equals a fresh install, object for object.

\echo Use "ALTER EXTENSION news_analytics UPDATE TO '0.2.0'" to load this file. \quit
