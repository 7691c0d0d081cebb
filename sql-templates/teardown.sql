-- deleteInstanceVault with dropGroupRoles: drop the instance's users no lease tracks,
-- hand what the admin group owns to the connection user, remove the groups' grants and
-- default privileges, drop the groups.
-- Run only after every lease of the instance has been revoked. Idempotent.
-- Same lock as bootstrap.sql: both rewrite the ACLs of the same tables.
SELECT pg_catalog.pg_advisory_xact_lock(7035618220160431713);
-- Every lease is revoked by now, so a user Vault made for the instance (%5) that is still
-- here has none: OpenBao creates the user before it records the lease, and a credentials
-- request that loses a race with a role delete or rewrite ("transaction commit failed")
-- leaves its user behind. Nobody got its password. Dropped as revoke.sql drops users.
DO $$
DECLARE
  u text;
BEGIN
  FOR u IN SELECT rolname FROM pg_catalog.pg_roles
    WHERE pg_catalog.starts_with(rolname, %5$L) AND rolname <> '{{name}}'
  LOOP
    EXECUTE 'GRANT ' || pg_catalog.quote_ident(u) || ' TO CURRENT_USER';
    PERFORM pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity
      WHERE usename = u AND pid <> pg_catalog.pg_backend_pid();
    EXECUTE 'REASSIGN OWNED BY ' || pg_catalog.quote_ident(u) || ' TO CURRENT_USER';
    EXECUTE 'DROP OWNED BY ' || pg_catalog.quote_ident(u);
    EXECUTE 'DROP ROLE ' || pg_catalog.quote_ident(u);
  END LOOP;
END
$$;
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
