import { STACK_LABEL } from './secrets.js';

/** Which leftovers to remove: one run's, or those whose owning process has died. */
export type LeftoverSelector = { run: string } | { deadOwners: true };

/**
 * Force-removes stack containers and networks (found by label) and returns how many
 * containers went. Used by the integration suite's global setup/teardown.
 * @example
 * const run = (process.env.LAMIN_VAULT_TEST_RUN ||= randomUUID()); // stacks started later carry this label
 * await removeStackLeftovers({ deadOwners: true }); // global setup: stacks of crashed runs
 * await removeStackLeftovers({ run });              // global teardown: this run's stacks
 */
export async function removeStackLeftovers(selector: LeftoverSelector): Promise<number> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const label = 'run' in selector ? [`${STACK_LABEL}.run=${selector.run}`] : [STACK_LABEL];
  const doomed = (labels: Record<string, string> | undefined) =>
    'run' in selector || !isAlive(Number(labels?.[`${STACK_LABEL}.pid`]));

  const containers = (await docker.listContainers({ all: true, filters: { label } })).filter((c) => doomed(c.Labels));
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })));
  const networks = (await docker.listNetworks({ filters: { label } })).filter((n) => doomed(n.Labels));
  await Promise.allSettled(networks.map((n) => docker.getNetwork(n.Id).remove()));
  return containers.length;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
