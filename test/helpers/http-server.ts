/**
 * A tiny HTTP/1.1 (and HTTPS) test server on 127.0.0.1 that records every request.
 *
 * Built on `net`/`tls` with a minimal parser because Node's `http` server rejects Vault's
 * `LIST` method. Supports keep-alive and Content-Length bodies, which is all the client sends.
 */
import net from 'node:net';
import tls from 'node:tls';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server saw it (header names lowercased). */
export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. `/v1/sys/health`. */
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Which server port got it (useful for redirect tests). */
  port: number;
}

/** What to answer. `body` objects are JSON-encoded. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
  /** Wait before answering. */
  delayMs?: number;
  /** `hang`: never answer; `destroy`: reset the connection without answering. */
  action?: 'hang' | 'destroy';
}

export type Handler = (req: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` or `https://…`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Replaces the handler (and keeps the recorded requests). */
  handle(handler: Handler): void;
  /** Connections accepted so far (keep-alive reuse shows as fewer connections). */
  connections(): number;
  close(): Promise<void>;
}

/** Starts a server; `tls` makes it HTTPS with the given PEM key and certificate. */
export async function startTestServer(opts: { handler?: Handler; tls?: { key: string; cert: string } } = {}): Promise<TestServer> {
  let handler: Handler = opts.handler ?? (() => ({ status: 204 }));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let port = 0;
  const onSocket = (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serveConnection(socket, async (req) => {
      const full = { ...req, port };
      requests.push(full);
      return handler(full, requests.length - 1);
    });
  };
  const server = opts.tls ? tls.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onSocket) : net.createServer(onSocket);
  if (opts.tls) server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    port,
    requests,
    handle: (h) => {
      handler = h;
    },
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Parsed = Omit<RecordedRequest, 'port'>;

/** Parses requests off one connection, answering them in order. */
function serveConnection(socket: net.Socket, onRequest: (req: Parsed) => Promise<Reply>): void {
  let buffer = Buffer.alloc(0);
  let busy = false;
  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      for (;;) {
        const parsed = parseOne(buffer);
        if (!parsed) break;
        buffer = buffer.subarray(parsed.consumed);
        const reply = await onRequest(parsed.req);
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (reply.action === 'hang') return;
        if (reply.action === 'destroy') {
          if (socket instanceof tls.TLSSocket) socket.destroy();
          else socket.resetAndDestroy();
          return;
        }
        if (!socket.destroyed) socket.write(renderReply(reply, parsed.req.method));
      }
    } finally {
      busy = false;
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    void pump();
  });
}

function parseOne(buffer: Buffer): { req: Parsed; consumed: number } | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const [method = '', url = ''] = (lines[0] ?? '').split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < end + 4 + length) return undefined;
  const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
  return { req: { method, url, headers, body }, consumed: end + 4 + length };
}

function renderReply(reply: Reply, method: string): Buffer {
  const status = reply.status ?? 200;
  const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  const body = Buffer.from(text, 'utf8');
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`, 'Connection: keep-alive'];
  const headers: Record<string, string> = { ...(typeof reply.body === 'object' ? { 'Content-Type': 'application/json' } : {}), ...reply.headers };
  for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
  const noBody = status === 204 || status === 304 || method === 'HEAD';
  if (!noBody) head.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n', 'latin1'), noBody ? Buffer.alloc(0) : body]);
}

/** A Vault-style JSON error reply. */
export const vaultError = (status: number, ...errors: string[]): Reply => ({ status, body: { errors } });
