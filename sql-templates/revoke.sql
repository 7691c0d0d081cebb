-- Revocation of every collaborator level. Idempotent (C05): a second run, or a user
-- already gone, is a no-op. Ends every dependency so DROP ROLE cannot fail (C01, C06).
-- GRANT "{{name}}" TO CURRENT_USER: on PG 16+ the creator holds only ADMIN OPTION, but
-- pg_terminate_backend and REASSIGN/DROP OWNED need the user's privileges.
-- Sessions are ended so the removal takes effect at once; what the user owns goes
-- to the admin group (admins normally create as that group already). The lock of
-- bootstrap.sql keeps REASSIGN from racing a bootstrap's GRANTs on the same tables.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '{{name}}') THEN
    PERFORM pg_catalog.pg_advisory_xact_lock(7035618220160431713);
    GRANT "{{name}}" TO CURRENT_USER;
    PERFORM pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity
      WHERE usename = '{{name}}' AND pid <> pg_catalog.pg_backend_pid();
    REASSIGN OWNED BY "{{name}}" TO %3$I;
    DROP OWNED BY "{{name}}";
  END IF;
END
$$;
DROP ROLE IF EXISTS "{{name}}";
