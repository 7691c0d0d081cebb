import { accessSync, constants } from 'node:fs';
import { configFromEnv } from '../config.js';
import { VaultClient } from '../http/index.js';
import { optional, type Values } from './args.js';
import type { Env } from './command.js';
import { UsageError } from './errors.js';

/**
 * A client from `--address`/`--namespace`/`--ca-cert` over the vault CLI's
 * environment variables. Flags are folded into the environment first so that
 * `configFromEnv` does all reading and validation (and never echoes values).
 */
export function clientFrom(values: Values, env: Env): VaultClient {
  const merged: Record<string, string | undefined> = { ...env };
  const address = optional(values, 'address');
  const namespace = optional(values, 'namespace');
  const caCert = optional(values, 'ca-cert');
  if (address !== undefined) merged['VAULT_ADDR'] = address;
  if (namespace !== undefined) merged['VAULT_NAMESPACE'] = namespace;
  if (caCert !== undefined) {
    if (!readable(caCert)) throw new UsageError('--ca-cert: cannot read that file');
    merged['VAULT_CACERT'] = caCert;
    delete merged['VAULT_CAPATH'];
  }
  if (!merged['VAULT_ADDR']?.trim()) throw new UsageError('no Vault address: set VAULT_ADDR or pass --address');
  const config = configFromEnv(merged);
  if (!config.token) throw new UsageError('VAULT_TOKEN is not set (the token is read from the environment only)');
  return new VaultClient(config);
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
