/**
 * A fault-injecting HTTP/1.1 proxy on 127.0.0.1, between the client and a real Vault.
 *
 * It parses each request (Content-Length bodies, keep-alive; all the client sends), asks the
 * rule which fault to apply, and logs what it did. Built on `net` because Node's `http`
 * server refuses Vault's `LIST` method.
 */
import http from 'node:http';
import net from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Forward and relay the answer. */
  | { kind: 'pass' }
  /** Reset the connection at once: Vault never sees the request. */
  | { kind: 'reset-before' }
  /** Forward, let Vault finish, then reset the connection before any byte of the answer. */
  | { kind: 'reset-after' }
  /** Forward and hold the answer back. */
  | { kind: 'delay'; ms: number }
  /** Answer without forwarding. */
  | { kind: 'reply'; status: number; headers?: Record<string, string>; body?: string }
  /** Forward, send the head and half the body, then close. */
  | { kind: 'truncate' }
  /** Never answer; Vault never sees the request. */
  | { kind: 'blackhole' };

export interface ProxiedRequest {
  index: number;
  method: string;
  /** Path with query, e.g. `/v1/database/creds/x`. */
  path: string;
  fault: Fault['kind'];
  /** Status Vault answered with, when the request was forwarded. */
  upstreamStatus?: number;
  /** Milliseconds since the proxy started. */
  at: number;
}

export type Rule = (req: { index: number; method: string; path: string }) => Fault;

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: use as the client's address. */
  readonly url: string;
  /** Every request the proxy received, in order. */
  readonly log: ProxiedRequest[];
  /** Sets the rule for the following requests (default: pass everything). */
  rule(rule: Rule): void;
  /** Closes the listener and every open connection: new connections are refused. */
  refuse(): Promise<void>;
  /** Listens again on the same port. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

interface Parsed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

const pass: Rule = () => ({ kind: 'pass' });

/** Starts a proxy in front of `upstream` (e.g. the stack's Vault address). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true });
  const started = performance.now();
  const log: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  let rule: Rule = pass;

  const forward = (req: Parsed): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...req.headers, host: target.host };
      delete headers['connection'];
      const out = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(req.body);
    });

  const handle = async (socket: net.Socket, req: Parsed): Promise<boolean> => {
    const entry: ProxiedRequest = { index: log.length, method: req.method, path: req.path, fault: 'pass', at: performance.now() - started };
    log.push(entry);
    const fault = rule({ index: entry.index, method: req.method, path: req.path });
    entry.fault = fault.kind;
    if (fault.kind === 'blackhole') return false;
    if (fault.kind === 'reset-before') return reset(socket);
    if (fault.kind === 'reply') {
      write(socket, fault.status, fault.headers ?? {}, Buffer.from(fault.body ?? ''));
      return true;
    }
    let res;
    try {
      res = await forward(req);
    } catch {
      return reset(socket); // Vault itself is unreachable: the client sees a reset
    }
    entry.upstreamStatus = res.status;
    if (fault.kind === 'reset-after') return reset(socket);
    if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (socket.destroyed) return false;
    const headers = pickHeaders(res.headers);
    if (fault.kind === 'truncate') {
      write(socket, res.status, headers, res.body.subarray(0, Math.floor(res.body.length / 2)), res.body.length);
      socket.destroy();
      return false;
    }
    write(socket, res.status, headers, res.body);
    return true;
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serve(socket, (req) => handle(socket, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    rule: (r) => {
      rule = r;
    },
    async refuse() {
      dropAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async accept() {
      if (!server.listening) await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      dropAll();
      agent.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function reset(socket: net.Socket): false {
  if (!socket.destroyed) socket.resetAndDestroy();
  return false;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

function pickHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function write(socket: net.Socket, status: number, headers: Record<string, string>, body: Buffer, length = body.length): void {
  if (socket.destroyed) return;
  const head = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`, 'Connection: keep-alive', `Content-Length: ${length}`];
  for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
  socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
}

/** Reads requests off one connection in order; `onRequest` resolves false when the connection is done. */
function serve(socket: net.Socket, onRequest: (req: Parsed) => Promise<boolean>): void {
  let buffer = Buffer.alloc(0);
  let busy = false;
  let open = true;
  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      while (open) {
        const parsed = parseOne(buffer);
        if (!parsed) break;
        buffer = buffer.subarray(parsed.consumed);
        open = await onRequest(parsed.req);
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
  const [method = '', path = ''] = (lines[0] ?? '').split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < end + 4 + length) return undefined;
  return { req: { method, path, headers, body: buffer.subarray(end + 4, end + 4 + length) }, consumed: end + 4 + length };
}
