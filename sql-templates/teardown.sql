-- deleteInstanceVault with dropGroupRoles: hand what the admin group owns to the
-- connection user, remove the groups' grants and default privileges, drop the groups.
-- Run only after every lease of the instance has been revoked. Idempotent.
-- Same lock as bootstrap.sql: both rewrite the ACLs of the same tables.
SELECT pg_catalog.pg_advisory_xact_lock(7035618220160431713);
DO $$
DECLARE
  g text;
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = %3$L) THEN
    EXECUTE 'REASSIGN OWNED BY ' || pg_catalog.quote_ident(%3$L) || ' TO CURRENT_USER';
  END IF;
  FOR g IN SELECT rolname FROM pg_catalog.pg_roles WHERE rolname IN (%1$L, %2$L, %3$L, %4$L)
  LOOP
    EXECUTE 'DROP OWNED BY ' || pg_catalog.quote_ident(g);
  END LOOP;
END
$$;
DROP ROLE IF EXISTS %3$I, %2$I, %4$I, %1$I;
