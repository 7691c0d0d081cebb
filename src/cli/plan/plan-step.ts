/** One request an operation would make. */
export interface PlanStep {
  method: 'GET' | 'POST' | 'DELETE' | 'LIST';
  /** `/v1/...` as sent (segments encoded), or a pattern with `<placeholders>`. */
  path: string;
  /** Why the request is made. */
  why: string;
  body?: Record<string, unknown>;
}

/** What `plan` prints: the operation and its requests in order. */
export interface Plan {
  operation: string;
  steps: PlanStep[];
  /** Facts the plan cannot know without the network. */
  notes?: string[];
}

const MASK = '********';

/** Copies a body with every password-like field masked. */
export function maskSecrets(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, /(^|_)password$/i.test(key) && typeof value === 'string' ? MASK : value]),
  );
}
