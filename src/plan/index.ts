// The pure plan layer: names, ids, SQL, policies, request bodies. No I/O.
export * from './ids.js';
export * from './ttl.js';
export * from './names.js';
export * from './sql.js';
export type { SqlTemplateName } from './templates.generated.js';
export * from './policy.js';
export * from './connection.js';
export * from './bodies.js';
