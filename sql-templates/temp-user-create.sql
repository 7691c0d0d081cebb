-- Creation statements of the temporary Vault roles that run bootstrap.sql and
-- teardown.sql. The user Vault names is never meant to log in, so it cannot.
CREATE ROLE "{{name}}" NOLOGIN;
