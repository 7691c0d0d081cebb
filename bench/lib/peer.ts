/** node-vault, configured the way its README shows (default agent: keep-alive on Node ≥ 19). */
import nodeVault from 'node-vault';

export type Peer = ReturnType<typeof nodeVault>;

export const peerClient = (address: string, token: string): Peer =>
  nodeVault({ apiVersion: 'v1', endpoint: address, token });
