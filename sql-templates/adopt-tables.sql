-- Optional bootstrap step: hand the connection user's existing tables, views and
-- standalone sequences in schema public to the admin group, so admin collaborators can
-- ALTER/DROP them (LaminDB migrations). The connection user keeps full control as a
-- member of the group; serial and identity sequences follow their tables.
DO $$
DECLARE
  obj regclass;
BEGIN
  FOR obj IN
    SELECT c.oid::regclass FROM pg_catalog.pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = CURRENT_USER)
      AND (c.relkind IN ('r', 'p', 'v', 'm', 'f') OR (c.relkind = 'S' AND NOT EXISTS (
        SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))))
  LOOP
    EXECUTE 'ALTER TABLE ' || obj || ' OWNER TO ' || pg_catalog.quote_ident(%3$L);
  END LOOP;
END
$$;
