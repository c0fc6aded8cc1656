/**
 * Evidence for runtime/ENGINE.md: how the pinned bpmn-engine 25.0.1 / bpmn-elements 17.3.0 behave on
 * constructs where Zeebe behaves differently. Each test asserts the *observed bpmn-engine behaviour*;
 * the comment says what Zeebe does instead. These are probes of a dependency, not features of ours.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Timers } from 'bpmn-elements';
import { Engine } from 'bpmn-engine';

const zeebe = createRequire(__filename)('zeebe-bpmn-moddle/resources/zeebe.json') as object;
const H =
  '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="x">';
/** Waits until the engine has processed what it was given (bpmn-engine runs parts asynchronously). */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}
type Postponed = { id: string; fail: (e: Error) => void; content: { message?: Record<string, unknown> } };

describe('bpmn-engine 25.0.1 gaps against Zeebe semantics (evidence for runtime/ENGINE.md)', () => {
  it('gap 1: an uncaught error end event just ends the process (Zeebe: UNHANDLED_ERROR_EVENT incident, instance stays active)', async () => {
    // given
    const source = `${H}<bpmn:error id="Err" errorCode="BOOM"/><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"><bpmn:errorEventDefinition errorRef="Err"/></bpmn:endEvent></bpmn:process></bpmn:definitions>`;
    const engine = new Engine({ name: 'gap1', source, moddleOptions: { zeebe } });
    const events: string[] = [];
    engine.on('end', () => events.push('end'));
    engine.on('error', () => events.push('error'));
    // when
    await engine.execute();
    await until(() => events.length > 0);
    // then
    expect(events).toEqual(['end']);
    expect(engine.state).toBe('idle');
  });

  it('gap 2: a BPMN error thrown by a waiting task with no catch kills the whole engine (Zeebe: incident, resolvable)', async () => {
    // given
    const source = `${H}<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:userTask id="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>`;
    const engine = new Engine({ name: 'gap2', source, moddleOptions: { zeebe } });
    const errors: unknown[] = [];
    engine.on('error', (e: unknown) => errors.push(e));
    const execution = await engine.execute();
    const [task] = execution.getPostponed() as unknown as Postponed[];
    const bpmnError = Object.assign(new Error('boom'), { type: 'BpmnError', name: 'BpmnError', code: 'BOOM' });
    // when
    task.fail(bpmnError);
    await until(() => errors.length > 0);
    // then
    expect(errors).toHaveLength(1);
    expect(engine.state).toBe('error');
    expect(execution.getPostponed()).toEqual([]);
  });

  it('gap 3: a message start event subprocess is not started by a message from outside (Zeebe: it is, by correlation)', async () => {
    // given
    const source = `${H}<bpmn:message id="M" name="m"/><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:userTask id="t"/><bpmn:subProcess id="es" triggeredByEvent="true"><bpmn:startEvent id="es_s"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent><bpmn:sequenceFlow id="f9" sourceRef="es_s" targetRef="es_t"/><bpmn:userTask id="es_t"/></bpmn:subProcess></bpmn:process></bpmn:definitions>`;
    const engine = new Engine({ name: 'gap3', source, moddleOptions: { zeebe } });
    const execution = await engine.execute();
    // when
    execution.signal({ id: 'M' });
    await new Promise((r) => setTimeout(r, 100));
    // then
    expect((execution.getPostponed() as unknown as Postponed[]).map((a) => a.id)).toEqual(['t']);
    await engine.stop();
  });

  it('gap 4: the converted message keeps only id and name – the zeebe:subscription correlation key is gone (Zeebe correlates by it)', async () => {
    // given
    const source = `${H}<bpmn:message id="M" name="m"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="c"/><bpmn:intermediateCatchEvent id="c"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent></bpmn:process></bpmn:definitions>`;
    const engine = new Engine({ name: 'gap4', source, moddleOptions: { zeebe }, variables: { caseId: 'A' } });
    // when
    const execution = await engine.execute();
    const [catchEvent] = execution.getPostponed() as unknown as Postponed[];
    // then
    expect(catchEvent.content.message).toMatchObject({ id: 'M', name: 'm' });
    expect(JSON.stringify(catchEvent.content)).not.toContain('caseId');
    await engine.stop();
  });

  it('gap 5: timer due times come from the global Date; the only hook is setTimeout (Zeebe: one controllable clock)', async () => {
    // given
    const source = `${H}<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="c"/><bpmn:intermediateCatchEvent id="c"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent></bpmn:process></bpmn:definitions>`;
    const delays: number[] = [];
    const timers = new Timers({
      setTimeout: ((_fn: () => void, ms: number) => {
        delays.push(ms);
        return 0;
      }) as unknown as typeof setTimeout,
      clearTimeout: () => undefined,
    });
    const engine = new Engine({ name: 'gap5', source, moddleOptions: { zeebe }, timers });
    // when
    const before = Date.now();
    await engine.execute();
    const state = JSON.stringify(await engine.getState());
    // then: expireAt is real now + 4 h; there is no option to compute it from another clock
    const expireAt = Date.parse(/"expireAt":"([^"]+)"/.exec(state)?.[1] ?? '');
    expect(expireAt - before).toBeGreaterThanOrEqual(4 * 3600_000);
    expect(expireAt - Date.now()).toBeLessThanOrEqual(4 * 3600_000);
    expect(delays).toHaveLength(1);
    expect(Math.abs(delays[0] - 4 * 3600_000)).toBeLessThanOrEqual(10); // two reads of the real Date, a millisecond apart at most
    await engine.stop();
  });

  it('gap 6: a variable written inside a subprocess is not visible after it (Zeebe propagates it to the process scope)', async () => {
    // given
    const source = `${H}<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sub"/><bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/><bpmn:sequenceFlow id="sf1" sourceRef="ss" targetRef="st"/><bpmn:scriptTask id="st" scriptFormat="javascript"><bpmn:script>environment.variables.written = 1; next();</bpmn:script></bpmn:scriptTask></bpmn:subProcess><bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="t"/><bpmn:userTask id="t"/></bpmn:process></bpmn:definitions>`;
    const engine = new Engine({ name: 'gap6', source, moddleOptions: { zeebe }, variables: { existing: 0 } });
    // when
    const execution = await engine.execute();
    await until(() => (execution.getPostponed() as unknown as Postponed[]).some((a) => a.id === 't'));
    // then
    expect((execution.getPostponed() as unknown as Postponed[]).map((a) => a.id)).toEqual(['t']);
    expect(execution.environment.variables).toEqual({ existing: 0 });
    await engine.stop();
  });

  it('cost: persisting engine.getState() of the driftstorning-sesam model after each command means tens of kB of JSON per instance and command', async () => {
    // given
    // the model as it was when the evidence was taken (version 2026.1: its first wait is the assessment task)
    const source = readFileSync(join(__dirname, 'fixtures/driftstorning-sesam-2026.1.bpmn'), 'utf8');
    const engine = new Engine({ name: 'cost', source, moddleOptions: { zeebe }, variables: { disruptionId: 'd', reportedAt: '2026-11-25T08:00:00Z' } });
    // when
    await engine.execute();
    const bytes = JSON.stringify(await engine.getState()).length;
    // then (our store writes a few rows of a few hundred bytes per command instead)
    expect(bytes).toBeGreaterThan(20_000);
    await engine.stop();
  });
});
