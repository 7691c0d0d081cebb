-- Creation statements of the temporary Vault roles that run bootstrap.sql and
-- teardown.sql. The user Vault names is never meant to log in, so it cannot, and it is
-- dropped again at the end of the same creation statements (temp-user-drop.sql).
CREATE ROLE "{{name}}" NOLOGIN;
