/** Starts bench/lib/fake-vault-server.mjs as a child process and returns its address. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface FakeVault {
  address: string;
  stop(): Promise<void>;
}

export async function startFakeVault(): Promise<FakeVault> {
  const script = fileURLToPath(new URL('./fake-vault-server.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  return {
    address: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}
