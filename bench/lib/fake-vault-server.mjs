// An instant Vault look-alike for the client-cost scenario, run as its own process so the
// client process's CPU time is the client's alone. Every request gets the same policy-read
// body. Prints the port on stdout, then serves until killed or its parent goes away.
import http from 'node:http';

const body = JSON.stringify({
  request_id: '8a2a4f4e-1c43-4b2e-9d4c-0e1f2a3b4c5d',
  lease_id: '',
  renewable: false,
  lease_duration: 0,
  data: {
    name: 'bench-policy',
    policy: 'path "database/creds/bench-role" {\n  capabilities = ["read"]\n}\n',
  },
  wrap_info: null,
  warnings: null,
  auth: null,
  mount_type: 'system',
});
const headers = {
  'Content-Type': 'application/json',
  'Content-Length': Buffer.byteLength(body),
  'Cache-Control': 'no-store',
};

const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
// Our stdin is a pipe from the parent: when the parent dies, it closes, and so do we.
process.stdin.on('end', () => process.exit(0)).resume();
