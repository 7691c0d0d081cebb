-- Creation statements of a read collaborator (and of the public-read role).
CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE %1$I;
