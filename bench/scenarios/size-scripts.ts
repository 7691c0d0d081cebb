/**
 * The two "provision a collaborator" scripts that get bundled. node-vault has no such
 * operation, so its script sends the same five requests with the same rendered bodies
 * (the role's SQL for one instance, re-targeted by string replacement at run time).
 */
import { collaboratorRoleBody, credsPolicy, policyName, roleName } from '../../src/plan/index.js';

const IID = '00000000-0000-4000-8000-000000000000';

export function provisionScripts(): { ours: string; peer: string } {
  const ours = `import { VaultClient, createCollaboratorRole } from 'lamin-vault';
const client = new VaultClient({ address: process.env.VAULT_ADDR, token: process.env.VAULT_TOKEN });
const [instanceId, accountId] = process.argv.slice(2);
console.log(await createCollaboratorRole(client, { instanceId, accountId, role: 'write' }));
`;
  const template = JSON.stringify({ body: collaboratorRoleBody({ instanceId: IID, level: 'write' }), hcl: credsPolicy('database', roleName(IID, '__AID__')) });
  const peer = `import nodeVault from 'node-vault';
const vault = nodeVault({ apiVersion: 'v1', endpoint: process.env.VAULT_ADDR, token: process.env.VAULT_TOKEN });
const [instanceId, accountId] = process.argv.slice(2);
const { body, hcl } = JSON.parse(${JSON.stringify(template)}.replaceAll(${JSON.stringify(IID)}, instanceId).replaceAll('__AID__', accountId));
const role = ${JSON.stringify(roleName(IID, '__AID__'))}.replace(${JSON.stringify(IID)}, instanceId).replace('__AID__', accountId);
const policy = ${JSON.stringify(policyName(roleName(IID, '__AID__')))}.replace(${JSON.stringify(IID)}, instanceId).replace('__AID__', accountId);
await vault.read('database/config/' + instanceId);
try { await vault.read('database/roles/' + role); } catch (e) { if (e.response?.statusCode !== 404) throw e; }
await vault.write('database/roles/' + role, body);
await vault.write('sys/policies/acl/' + policy, { policy: hcl });
console.log(await vault.read('database/roles/' + role));
`;
  return { ours, peer };
}
