/**
 * Profiling aid for the client-cost scenario: N sequential reads by one client against the
 * instant fake server. Run:
 *   node --cpu-prof --cpu-prof-dir=.tmp/bench/prof --import tsx bench/profile-client.ts ours 20000
 * (contender: ours | ours-no-schema | raw | peer) and open the .cpuprofile in Chrome DevTools.
 */
import { z } from 'zod';
import { startFakeVault } from './lib/fake-vault.js';
import { loadOurs } from './lib/ours.js';
import { peerClient } from './lib/peer.js';
import { rawClient } from './lib/raw-client.js';
import { measure } from './lib/stats.js';

const [which = 'ours', count = '20000'] = process.argv.slice(2);
const PATH = 'sys/policies/acl/bench-policy';
const schema = z.object({ name: z.string(), policy: z.string() });

const ours = await loadOurs();
const fake = await startFakeVault();
const client = new ours.VaultClient({ address: fake.address, token: 'bench-token' });
const raw = rawClient(fake.address, 'bench-token');
const peer = peerClient(fake.address, 'bench-token');
const one: Record<string, () => Promise<unknown>> = {
  ours: () => client.read(PATH.split('/'), { schema }),
  'ours-no-schema': () => client.read(PATH.split('/')),
  raw: () => raw.read(PATH),
  peer: () => peer.read(PATH),
};
const read = one[which] ?? (() => { throw new Error(`unknown contender ${which}`); })();
const n = Number(count);
const cost = await measure(async () => {
  for (let i = 0; i < n; i++) await read();
});
console.log(`${which}: ${((cost.cpuMs * 1000) / n).toFixed(1)} µs CPU/req, ${((cost.wallMs * 1000) / n).toFixed(1)} µs wall/req`);
client.close();
raw.close();
await fake.stop();
