-- The temporary user, dropped twice: as the last creation statement, in the transaction
-- that created it, so no user is left even when Vault fails to record the lease (two runs
-- racing on one instance: "transaction commit failed"); and as the revocation, a no-op then.
DROP ROLE IF EXISTS "{{name}}";
