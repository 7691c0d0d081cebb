import { LaminVaultError } from '../errors.js';
import { DbCredentials } from '../operations/db-credentials.js';
import { Timer } from './timer.js';

/** What the rotation needs from Vault (the provider wires the library's operations in). */
export interface LeaseOps {
  issue(): Promise<DbCredentials>;
  renew(leaseId: string, incrementSeconds: number): Promise<{ leaseDuration: number; renewable: boolean }>;
  revoke(leaseId: string): Promise<void>;
}

export interface RotationSettings {
  renewAfter: number;
  graceMs: number;
  retryDelayMs: number;
  revokeOnStop: boolean;
  onError: (error: unknown) => void;
}

export type RotateListener = (next: DbCredentials, previous: DbCredentials) => void;

const MIN_RETRY_MS = 250;

/**
 * Keeps one set of credentials alive: renews its lease at `renewAfter` of its duration,
 * replaces it when renewal is refused or capped by the max TTL, and revokes replaced
 * leases after a grace period. Every timer is unref'd and cleared by `stop()`.
 */
export class CredentialsRotation {
  #creds: DbCredentials | undefined;
  /** Lease duration granted at issue: the increment asked for at each renewal. */
  #issuedSeconds = 0;
  #inflight: Promise<DbCredentials> | undefined;
  #stopped = false;
  readonly #next = new Timer();
  readonly #retiring = new Map<string, Timer>();
  readonly #listeners = new Set<RotateListener>();

  constructor(private readonly ops: LeaseOps, private readonly settings: RotationSettings) {}

  /** The live credentials; issues the first (or expired) ones on demand. */
  async current(): Promise<DbCredentials> {
    if (this.#stopped) throw stoppedError();
    const creds = this.#creds;
    if (creds && Date.now() < creds.expiresAt.getTime()) return creds;
    return this.#rotate();
  }

  onRotate(listener: RotateListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Clears every timer; revokes the current and retiring leases when `revokeOnStop`. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#next.clear();
    await this.#inflight?.catch(() => undefined);
    const leases = [...this.#retiring.keys()];
    for (const timer of this.#retiring.values()) timer.clear();
    this.#retiring.clear();
    this.#listeners.clear();
    if (this.#creds) leases.push(this.#creds.leaseId);
    if (this.settings.revokeOnStop) await Promise.all(leases.map((id) => this.#revoke(id)));
  }

  /** Issues new credentials once, however many callers ask at the same time. */
  #rotate(): Promise<DbCredentials> {
    this.#inflight ??= this.#issueAndSwap().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #issueAndSwap(): Promise<DbCredentials> {
    const next = await this.ops.issue();
    if (this.#stopped) {
      if (this.settings.revokeOnStop) await this.#revoke(next.leaseId);
      throw stoppedError();
    }
    const previous = this.#creds;
    this.#creds = next;
    this.#issuedSeconds = next.leaseDuration;
    this.#schedule(next.leaseDuration);
    if (previous) {
      this.#retire(previous);
      this.#emit(next, previous);
    }
    return next;
  }

  #schedule(leaseSeconds: number): void {
    this.#next.set(leaseSeconds * 1000 * this.settings.renewAfter, () => void this.#tick());
  }

  /** Renew if possible and not capped; otherwise replace. */
  async #tick(): Promise<void> {
    const creds = this.#creds;
    if (!creds || this.#stopped) return;
    if (creds.renewable && this.#issuedSeconds > 0) {
      try {
        const renewed = await this.ops.renew(creds.leaseId, this.#issuedSeconds);
        if (this.#stopped || this.#creds !== creds) return;
        this.#creds = withLease(creds, renewed);
        // A grant below the increment means the max TTL is near: replace now.
        if (renewed.renewable && renewed.leaseDuration + 1 >= this.#issuedSeconds) {
          this.#schedule(renewed.leaseDuration);
          return;
        }
      } catch (error) {
        this.#report(error); // refused or failed: replacing is the fallback
      }
    }
    if (this.#stopped) return;
    await this.#rotate().catch((error: unknown) => {
      this.#report(error);
      this.#retryLater();
    });
  }

  #retryLater(): void {
    if (this.#stopped) return;
    const left = (this.#creds?.expiresAt.getTime() ?? 0) - Date.now();
    const delay = left > 0 ? Math.min(this.settings.retryDelayMs, left / 2) : this.settings.retryDelayMs;
    this.#next.set(Math.max(delay, MIN_RETRY_MS), () => void this.#tick());
  }

  /** Revokes a replaced lease after the grace period (or when it would expire anyway). */
  #retire(old: DbCredentials): void {
    const left = old.expiresAt.getTime() - Date.now();
    if (left <= 0) return; // Vault revokes expired leases itself
    const timer = new Timer();
    this.#retiring.set(old.leaseId, timer);
    timer.set(Math.min(this.settings.graceMs, left), () => {
      this.#retiring.delete(old.leaseId);
      void this.#revoke(old.leaseId);
    });
  }

  async #revoke(leaseId: string): Promise<void> {
    await this.ops.revoke(leaseId).catch((error: unknown) => this.#report(error));
  }

  #emit(next: DbCredentials, previous: DbCredentials): void {
    for (const listener of this.#listeners) {
      try {
        listener(next, previous);
      } catch (error) {
        this.#report(error);
      }
    }
  }

  #report(error: unknown): void {
    try {
      this.settings.onError(error);
    } catch {
      // a failing error hook must not break the rotation
    }
  }
}

function withLease(creds: DbCredentials, lease: { leaseDuration: number; renewable: boolean }): DbCredentials {
  return new DbCredentials({
    username: creds.username, password: creds.password, leaseId: creds.leaseId, roleName: creds.roleName,
    leaseDuration: lease.leaseDuration, renewable: lease.renewable, expiresAt: new Date(Date.now() + lease.leaseDuration * 1000),
  });
}

const stoppedError = () => new LaminVaultError('ABORTED', 'credentials provider was stopped');
