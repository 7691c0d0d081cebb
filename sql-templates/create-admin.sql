-- Creation statements of an admin collaborator. Sessions start as the admin group, so
-- what admins create is owned by that stable role and survives their revocation (C01).
CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE %3$I;
ALTER ROLE "{{name}}" SET role = %3$I;
