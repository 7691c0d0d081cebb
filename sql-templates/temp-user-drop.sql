-- Revocation of the temporary user: it owns nothing and holds no grants.
DROP ROLE IF EXISTS "{{name}}";
