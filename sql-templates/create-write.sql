-- Creation statements of a write collaborator: SELECT, INSERT, UPDATE, sequences.
CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE %2$I;
