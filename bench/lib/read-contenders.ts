/** The three clients and the axios floor pointed at the real server, each reading one policy the same way. */
import { z } from 'zod';
import { axiosFloorClient } from './axios-floor.js';
import type { Ours } from './ours.js';
import { peerClient } from './peer.js';
import { rawClient } from './raw-client.js';

export const READ_POLICY = 'bench-read-policy';
const PATH = `sys/policies/acl/${READ_POLICY}`;
const SEGMENTS = PATH.split('/');
const PolicySchema = z.object({ name: z.string(), policy: z.string() });

export interface ReadContenders {
  reads: { ours: () => Promise<unknown>; raw: () => Promise<unknown>; peer: () => Promise<unknown>; floor: () => Promise<unknown> };
  close(): void;
}

/** Writes the policy (idempotent) and returns one read function per client. */
export async function readContenders(ours: Ours, address: string, token: string): Promise<ReadContenders> {
  const client = new ours.VaultClient({ address, token });
  const raw = rawClient(address, token);
  const peer = peerClient(address, token);
  const floor = axiosFloorClient(address, token);
  const put = await raw.request('PUT', PATH, { policy: 'path "secret/bench" {\n  capabilities = ["read"]\n}\n' });
  if (put.status !== 204 && put.status !== 200) throw new Error(`writing ${PATH}: HTTP ${put.status}`);
  return {
    reads: {
      ours: () => client.read(SEGMENTS, { schema: PolicySchema }),
      raw: () => raw.read(PATH),
      peer: () => peer.read(PATH),
      floor: () => floor.read(PATH),
    },
    close() {
      client.close();
      raw.close();
      floor.close();
    },
  };
}
