-- Once per initInstanceVault, as Vault's connection user (superuser, or CREATEROLE
-- owner of the database). Idempotent: re-running converges.
-- Concurrent runs (re-inits, other instances on the same database) queue on this lock
-- instead of failing with "tuple concurrently updated" on the same table ACLs.
SELECT pg_catalog.pg_advisory_xact_lock(7035618220160431713);
-- The instance's stable NOLOGIN groups hold every grant, so table ACLs never name a
-- dynamic user (C02). Concurrent creation by another init is tolerated.
DO $$
BEGIN
  BEGIN CREATE ROLE %1$I NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
  BEGIN CREATE ROLE %2$I NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
  BEGIN CREATE ROLE %4$I NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
  BEGIN CREATE ROLE %3$I NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
END
$$;
-- read ⊂ write ⊂ admin, and admin can delete.
GRANT %1$I TO %2$I;
GRANT %2$I TO %3$I;
GRANT %4$I TO %3$I;
-- The connection user acts for the admin group: ALTER DEFAULT PRIVILEGES FOR ROLE and
-- REASSIGN OWNED ... TO need it (on PG 16+ the creator only holds ADMIN OPTION).
GRANT %3$I TO CURRENT_USER;
DO $$
BEGIN
  EXECUTE 'GRANT CONNECT ON DATABASE ' || pg_catalog.quote_ident(pg_catalog.current_database())
    || ' TO ' || pg_catalog.quote_ident(%1$L);
END
$$;
GRANT USAGE ON SCHEMA public TO %1$I;
GRANT CREATE ON SCHEMA public TO %3$I;
-- Existing tables and sequences.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1$I;
GRANT INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO %2$I;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %2$I;
GRANT DELETE ON ALL TABLES IN SCHEMA public TO %4$I;
GRANT TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public TO %3$I;
-- Later objects created by the connection user (e.g. LaminDB migrations it runs).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO %1$I;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT INSERT, UPDATE ON TABLES TO %2$I;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %2$I;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT DELETE ON TABLES TO %4$I;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT TRUNCATE, REFERENCES, TRIGGER ON TABLES TO %3$I;
-- Later objects created by admin collaborators, who act as the admin group.
ALTER DEFAULT PRIVILEGES FOR ROLE %3$I IN SCHEMA public GRANT SELECT ON TABLES TO %1$I;
ALTER DEFAULT PRIVILEGES FOR ROLE %3$I IN SCHEMA public GRANT INSERT, UPDATE ON TABLES TO %2$I;
ALTER DEFAULT PRIVILEGES FOR ROLE %3$I IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %2$I;
ALTER DEFAULT PRIVILEGES FOR ROLE %3$I IN SCHEMA public GRANT DELETE ON TABLES TO %4$I;
