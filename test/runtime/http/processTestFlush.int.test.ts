/**
 * process-test's REMOTE start with CAMUNDA_FLUSH_PROCESSES=true searches active instances and cancels
 * each — through a client bug as `/process-instances/undefined/cancellation`. The runtime answers 404
 * (as Camunda does for an unknown instance), process-test goes on, and nothing is harmed.
 */
import { CamundaAssert } from '@camunda8/process-test';
import { setupLocalProcessTest } from './support/processTest';
import { fixture, sdkClient } from './support/localRuntime';

describe('process-test REMOTE start with flushProcesses (client bug tolerated)', () => {
  let seeded: Parameters<typeof CamundaAssert.assertThat>[0] | undefined;
  const local = setupLocalProcessTest({
    flushProcesses: true,
    seed: async (runtime) => {
      const client = sdkClient(runtime);
      await client.deployResourcesFromFiles([fixture('api-service-task.bpmn')]);
      seeded = (await client.createProcessInstance({ processDefinitionId: 'api-service-task', variables: {} })) as unknown as typeof seeded;
    },
  });

  test('the flush cannot cancel through the bug; the suite starts and the instance stays active', async () => {
    // given: an active instance existed when process-test started and flushed
    expect(seeded).toBeDefined();
    // when
    const assertion = CamundaAssert.assertThat(seeded!);
    // then
    await assertion.isActive();
    await assertion.hasActiveElements('ServiceTask_DoWork');
    expect(local.context().getRuntimeMode()).toBe('REMOTE');
  });
});
