import { inspect } from 'node:util';

/** The fields of {@link DbCredentials}, as its constructor takes them. */
export interface DbCredentialsFields {
  username: string;
  password: string;
  leaseId: string;
  leaseDuration: number;
  renewable: boolean;
  expiresAt: Date;
  roleName: string;
}

/**
 * Short-lived Postgres credentials issued by Vault. The password is readable as a
 * property but is masked when the object is logged or serialised, so a stray
 * `console.log(creds)` or `JSON.stringify(creds)` cannot leak it.
 */
export class DbCredentials implements DbCredentialsFields {
  readonly username: string;
  /** Not enumerable: reachable as `creds.password`, never by spreading or logging. */
  declare readonly password: string;
  /** Vault lease id: renew or revoke with it. */
  readonly leaseId: string;
  /** Lease duration in seconds as granted by the server (may be below the role's TTL). */
  readonly leaseDuration: number;
  readonly renewable: boolean;
  /** When the lease ends unless renewed. */
  readonly expiresAt: Date;
  /** The Vault role the credentials were issued for. */
  readonly roleName: string;

  constructor(fields: DbCredentialsFields) {
    this.username = fields.username;
    this.leaseId = fields.leaseId;
    this.leaseDuration = fields.leaseDuration;
    this.renewable = fields.renewable;
    this.expiresAt = fields.expiresAt;
    this.roleName = fields.roleName;
    Object.defineProperty(this, 'password', { value: fields.password, enumerable: false });
  }

  /** The fields with the password masked. */
  toJSON(): Omit<DbCredentialsFields, 'expiresAt'> & { expiresAt: string } {
    return { ...this, expiresAt: this.expiresAt.toISOString(), password: '********' };
  }

  [inspect.custom](): string {
    return `DbCredentials ${inspect(this.toJSON())}`;
  }
}
