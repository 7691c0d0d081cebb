import { inspect } from 'node:util';

/**
 * A Vault token with its metadata. The token is readable as a property but masked when
 * the object is logged or serialised, so a stray `console.log` cannot leak it.
 */
export class VaultToken {
  /** Not enumerable: reachable as `t.token`, never by spreading or logging. */
  declare readonly token: string;
  readonly accessor: string;
  readonly policies: readonly string[];
  /** Seconds the token lives, as granted by the server (0 = no expiry). */
  readonly ttl: number;
  readonly expiresAt: Date | undefined;
  readonly renewable: boolean;

  constructor(fields: { token: string; accessor: string; policies: readonly string[]; ttl: number; renewable: boolean; now?: number }) {
    Object.defineProperty(this, 'token', { value: fields.token, enumerable: false });
    this.accessor = fields.accessor;
    this.policies = Object.freeze([...fields.policies]);
    this.ttl = fields.ttl;
    this.expiresAt = fields.ttl > 0 ? new Date((fields.now ?? Date.now()) + fields.ttl * 1000) : undefined;
    this.renewable = fields.renewable;
  }

  toJSON(): Record<string, unknown> {
    const { accessor, policies, ttl, expiresAt, renewable } = this;
    return { token: '********', accessor, policies, ttl, expiresAt, renewable };
  }

  [inspect.custom](): string {
    return `VaultToken ${inspect(this.toJSON())}`;
  }
}
