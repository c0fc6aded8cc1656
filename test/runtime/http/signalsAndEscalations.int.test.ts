/**
 * Signal and escalation events, inclusive gateways and link events (Camunda 8.8, issue #14) through @camunda8/sdk, on
 * Modeler-style models (api-signals.bpmn, api-signal-start.bpmn, api-escalations.bpmn, api-inclusive.bpmn).
 */
import { runtimeWithFixtures } from './support/localRuntime';
import { trail } from './support/sdkHelpers';

describe('signals, escalations, inclusive gateways and links through the SDK', () => {
  const rt = runtimeWithFixtures(['api-signals.bpmn', 'api-signal-start.bpmn', 'api-escalations.bpmn', 'api-inclusive.bpmn']);

  const job = async (type: string) => {
    const jobs = await rt.client.activateJobs({ type, worker: 'test', timeout: 60_000, maxJobsToActivate: 1, requestTimeout: 5_000 });
    if (jobs.length !== 1) throw new Error(`expected one '${type}' job, got ${jobs.length}`);
    return jobs[0];
  };
  const stateOf = async (processInstanceKey: string) => (await rt.client.searchProcessInstances({ filter: { processInstanceKey } } as never)).items[0].state;
  const instancesOf = async (processDefinitionId: string) => (await rt.client.searchProcessInstances({ filter: { processDefinitionId } } as never)).items;
  const variables = async (processInstanceKey: string) =>
    Object.fromEntries((await rt.client.searchVariables({ filter: { processInstanceKey } } as never)).items.map((v) => [v.name, JSON.parse(v.value)]));

  describe('signals', () => {
    test('a non-interrupting signal boundary fires on each broadcast; a catch event (FEEL signal name) takes the broadcast variables; a throw event starts the signal start event process', async () => {
      // given
      const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-signals', variables: { fixSignal: 'fix-deployed' } });
      const startedBefore = (await instancesOf('api-signal-start')).length;
      // when
      await rt.client.broadcastSignal({ signalName: 'status-requested' } as never);
      await rt.client.broadcastSignal({ signalName: 'status-requested' } as never);
      await rt.client.completeJob({ jobKey: (await job('sig-work')).jobKey, variables: {} });
      const waiting = await trail(rt.client, pi.processInstanceKey);
      const broadcast = await rt.client.broadcastSignal({ signalName: 'fix-deployed', variables: { fixedBy: 'ops' } } as never);
      // then
      expect(broadcast.signalKey).toMatch(/^\d+$/);
      expect(waiting.filter((t) => t.startsWith('BoundaryEvent_Status'))).toEqual(['BoundaryEvent_Status:COMPLETED', 'BoundaryEvent_Status:COMPLETED']);
      expect(waiting).toContain('CatchEvent_FixDeployed:ACTIVE');
      expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
      expect(await variables(pi.processInstanceKey)).toMatchObject({ fixedBy: 'ops' });
      const started = await instancesOf('api-signal-start');
      expect(started).toHaveLength(startedBefore + 1);
      expect(started.every((i) => i.state === 'COMPLETED')).toBe(true);
    });

    test('an interrupting signal event subprocess ends the work; a broadcast nobody waits for reaches nothing', async () => {
      // given
      const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-signals', variables: { fixSignal: 'fix-deployed-2' } });
      // when
      await rt.client.broadcastSignal({ signalName: 'nobody-listens' } as never);
      await rt.client.broadcastSignal({ signalName: 'outage-cancelled' } as never);
      // then
      expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
      const t = await trail(rt.client, pi.processInstanceKey);
      expect(t).toContain('ServiceTask_Work:TERMINATED');
      expect(t).toContain('EndEvent_Cancelled:COMPLETED');
    });
  });

  describe('escalations', () => {
    test('minor: a non-interrupting escalation boundary catches the throw event, the subprocess goes on; the audit escalation starts a non-interrupting event subprocess', async () => {
      // given / when
      const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-escalations', variables: { level: 'minor' } });
      // then
      const t = await trail(rt.client, pi.processInstanceKey);
      expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
      expect(t).toEqual(expect.arrayContaining(['BoundaryEvent_Minor:COMPLETED', 'EndEvent_MinorNoted:COMPLETED', 'EndEvent_Handled:COMPLETED', 'SubProcess_Handle:COMPLETED', 'EndEvent_Audited:COMPLETED', 'EndEvent_Done:COMPLETED']));
      expect(t).not.toContain('BoundaryEvent_Major:COMPLETED');
    });

    test('major: an escalation end event is caught by the interrupting boundary, which ends the subprocess', async () => {
      // given / when
      const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-escalations', variables: { level: 'major' } });
      // then
      const t = await trail(rt.client, pi.processInstanceKey);
      expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
      expect(t).toEqual(expect.arrayContaining(['SubProcess_Handle:TERMINATED', 'BoundaryEvent_Major:COMPLETED', 'EndEvent_Escalated:COMPLETED']));
      expect(t).not.toContain('EndEvent_Done:COMPLETED');
    });

    test('an escalation nobody catches (FEEL code) is no failure: the throw event goes on', async () => {
      // given / when
      const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-escalations', variables: { level: 'other', unknownCode: 'nobody' } });
      // then
      expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
      expect(await trail(rt.client, pi.processInstanceKey)).toEqual(expect.arrayContaining(['ThrowEvent_Unknown:COMPLETED', 'EndEvent_Handled:COMPLETED', 'EndEvent_Done:COMPLETED']));
    });
  });

  describe('inclusive gateway and link events', () => {
    test('a fork takes every true condition; the join waits for the tokens that can still reach it, then goes on once; the link throw continues at its catch', async () => {
      // given
      const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-inclusive', variables: { desk: true, owners: true } });
      // when
      const desk = await job('incl-desk');
      const owners = await job('incl-owners');
      await rt.client.completeJob({ jobKey: desk.jobKey, variables: {} });
      const afterOne = await trail(rt.client, pi.processInstanceKey);
      await rt.client.completeJob({ jobKey: owners.jobKey, variables: {} });
      // then
      expect(afterOne.filter((x) => x.startsWith('Gateway_Joined'))).toEqual([]);
      const t = await trail(rt.client, pi.processInstanceKey);
      expect(t.filter((x) => x.startsWith('Gateway_Joined'))).toEqual(['Gateway_Joined:COMPLETED']);
      expect(t).toEqual(expect.arrayContaining(['ThrowEvent_ToClose:COMPLETED', 'CatchEvent_Closing:COMPLETED', 'EndEvent_Done:COMPLETED']));
      expect(await stateOf(pi.processInstanceKey)).toBe('COMPLETED');
    });

    test('one true condition: the join goes on with that token alone; none true: the default flow', async () => {
      // given
      const one = await rt.client.createProcessInstance({ processDefinitionId: 'api-inclusive', variables: { desk: false, owners: true } });
      const none = await rt.client.createProcessInstance({ processDefinitionId: 'api-inclusive', variables: { desk: false, owners: false } });
      // when
      await rt.client.completeJob({ jobKey: (await job('incl-owners')).jobKey, variables: {} });
      await rt.client.completeJob({ jobKey: (await job('incl-log')).jobKey, variables: {} });
      // then
      expect(await stateOf(one.processInstanceKey)).toBe('COMPLETED');
      expect(await stateOf(none.processInstanceKey)).toBe('COMPLETED');
      expect(await trail(rt.client, none.processInstanceKey)).toContain('ServiceTask_Log:COMPLETED');
    });

    test('a condition that is not a boolean is a CONDITION_ERROR incident', async () => {
      // given / when
      const pi = await rt.client.createProcessInstance({ processDefinitionId: 'api-inclusive', variables: { desk: 'yes', owners: false } });
      // then
      const incidents = (await rt.client.searchIncidents({ filter: { processInstanceKey: pi.processInstanceKey } } as never)).items;
      expect(incidents).toEqual([expect.objectContaining({ errorType: 'CONDITION_ERROR', elementId: 'Gateway_Notify' })]);
    });
  });
});
