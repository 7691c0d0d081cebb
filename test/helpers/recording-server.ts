/**
 * A stand-in Vault that only counts: a raw TCP listener on 127.0.0.1 that records every
 * connection and every byte it is sent, and answers anything with 503.
 *
 * Used as the client's address to prove that rejected input never leaves the process:
 * counting accepted *connections* (not parsed requests) catches even a half-sent request.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RecordingServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** TCP connections accepted since the last `reset()`. */
  connections(): number;
  /** Request lines seen since the last `reset()`, e.g. `GET /v1/sys/health HTTP/1.1`. */
  requestLines(): string[];
  /** Forgets what was recorded (the listener stays up). */
  reset(): void;
  close(): Promise<void>;
}

const BODY = '{"errors":["recording server refuses"]}';
const REPLY = 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n' +
  `Content-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`;

export async function startRecordingServer(): Promise<RecordingServer> {
  let connections = 0;
  let lines: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    let head = '';
    let answered = false;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      if (answered) return;
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n');
      if (end < 0) return;
      answered = true; // one request per connection: the reply closes it
      lines.push(head.slice(0, end));
      socket.end(REPLY);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    requestLines: () => [...lines],
    reset() {
      connections = 0;
      lines = [];
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
