-- Creation statements of a write collaborator who may also DELETE rows.
CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE %2$I, %4$I;
