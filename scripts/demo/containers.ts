import { STACK_LABEL } from '../../src/testing/index.js';

/**
 * Containers (running or not) still labelled with this demo's run id. The stack labels
 * everything it starts with `lamin-vault.test.run=$LAMIN_VAULT_TEST_RUN`; the demo sets
 * a run id of its own, so this sees its containers only.
 */
export async function containersOfRun(run: string): Promise<number> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const found = await docker.listContainers({ all: true, filters: { label: [`${STACK_LABEL}.run=${run}`] } });
  return found.length;
}
