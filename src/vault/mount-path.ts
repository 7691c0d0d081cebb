import type { VaultPath } from '../http/index.js';

/** `<mount>/<rest…>` as path segments: a nested mount (`team/db`) is several segments. */
export const mountPath = (mount: string, ...rest: string[]): VaultPath => [...mount.split('/'), ...rest];
