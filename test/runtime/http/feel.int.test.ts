/**
 * Issue #9 item 3, through @camunda8/sdk: FEEL is checked at deployment (as Camunda parses every expression of a model
 * when it is deployed: a syntax error is a 400 naming the element and the expression, and nothing is stored), and an
 * evaluation cannot stall the runtime (a long evaluation is stopped and becomes an incident on its element).
 */
import type { RunningRuntime } from '../../../runtime/src/startRuntime';
import { eventually, sdkClient, startTestRuntime, type RestClient } from './support/localRuntime';
import { activeElementIds, incidents } from './support/sdkHelpers';

/** The places of a model that hold expressions; each test breaks one of them. */
const VALID = {
  jobType: '="feel-" + kind',
  jobRetries: '=3',
  input: '=upper case(kind)',
  output: '=result.count + 1',
  condition: '=count > 1',
  timer: '=duration("PT" + string(hours) + "H")',
  messageName: '="feel-" + kind',
  correlationKey: '=string(caseId)',
  assignee: '=if owner = null then "anna" else owner',
  listenerType: '="feel-listener-" + kind',
  script: '=for x in 1..3 return x * 2',
  collection: '=items',
};

type Place = keyof typeof VALID;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function model(id: string, expressions: Record<Place, string>): string {
  const e = Object.fromEntries(Object.entries(expressions).map(([k, v]) => [k, escape(v)])) as Record<Place, string>;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${id}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="Flow_ToWork" sourceRef="Start" targetRef="Task_Work" />
    <bpmn:serviceTask id="Task_Work">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${e.jobType}" retries="${e.jobRetries}" />
        <zeebe:ioMapping>
          <zeebe:input source="${e.input}" target="shout" />
          <zeebe:output source="${e.output}" target="count" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="Flow_ToSplit" sourceRef="Task_Work" targetRef="Gateway_Split" />
    <bpmn:exclusiveGateway id="Gateway_Split" default="Flow_Few" />
    <bpmn:sequenceFlow id="Flow_Many" sourceRef="Gateway_Split" targetRef="Event_Wait">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${e.condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_Few" sourceRef="Gateway_Split" targetRef="Event_Wait" />
    <bpmn:intermediateCatchEvent id="Event_Wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${e.timer}</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="Flow_ToMessage" sourceRef="Event_Wait" targetRef="Event_Message" />
    <bpmn:intermediateCatchEvent id="Event_Message">
      <bpmn:messageEventDefinition messageRef="Message_Feel" />
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="Flow_ToReview" sourceRef="Event_Message" targetRef="UserTask_Review" />
    <bpmn:userTask id="UserTask_Review">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:assignmentDefinition assignee="${e.assignee}" />
        <zeebe:taskListeners>
          <zeebe:taskListener eventType="completing" type="${e.listenerType}" />
        </zeebe:taskListeners>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_ToScript" sourceRef="UserTask_Review" targetRef="Script_Double" />
    <bpmn:scriptTask id="Script_Double">
      <bpmn:extensionElements>
        <zeebe:script expression="${e.script}" resultVariable="doubled" />
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements>
          <zeebe:loopCharacteristics inputCollection="${e.collection}" inputElement="item" />
        </bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:scriptTask>
    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Script_Double" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
  <bpmn:message id="Message_Feel" name="${e.messageName}">
    <bpmn:extensionElements>
      <zeebe:subscription correlationKey="${e.correlationKey}" />
    </bpmn:extensionElements>
  </bpmn:message>
</bpmn:definitions>`;
}

/** One broken expression per place, and the element Camunda names for it. */
const BROKEN: Array<{ place: Place; expression: string; element: string }> = [
  { place: 'jobType', expression: '="feel-" +', element: 'Task_Work' },
  { place: 'jobRetries', expression: '=3 +* 1', element: 'Task_Work' },
  { place: 'input', expression: '=upper case(kind', element: 'Task_Work' },
  { place: 'output', expression: '=result.count +', element: 'Task_Work' },
  { place: 'condition', expression: '=count >', element: 'Flow_Many' },
  { place: 'timer', expression: '=duration("PT" + string(hours) + "H"', element: 'Event_Wait' },
  { place: 'messageName', expression: '="feel-" + ', element: 'Event_Message' },
  { place: 'correlationKey', expression: '=string(caseId', element: 'Event_Message' },
  { place: 'assignee', expression: '=if owner = null then "anna"', element: 'UserTask_Review' },
  { place: 'listenerType', expression: '="feel-listener-" +', element: 'UserTask_Review' },
  { place: 'script', expression: '=for x in 1..3 return', element: 'Script_Double' },
  { place: 'collection', expression: '=[items', element: 'Script_Double' },
];

interface Problem {
  statusCode?: number;
  detail?: string;
}

async function deployError(client: RestClient, name: string, xml: string): Promise<Problem> {
  try {
    await client.deployResources([{ name, content: xml }]);
  } catch (err) {
    return err as Problem;
  }
  throw new Error(`${name} was deployed`);
}

describe('FEEL at deployment and at evaluation (issue #9 item 3)', () => {
  let runtime: RunningRuntime;
  let client: RestClient;

  beforeAll(async () => {
    runtime = await startTestRuntime({ feelTimeoutMs: 1000 });
    client = sdkClient(runtime);
  });
  afterAll(async () => {
    await runtime?.close();
  });

  test('a model whose expressions all parse deploys', async () => {
    // given
    const xml = model('feel-valid', VALID);
    // when
    const deployment = await client.deployResources([{ name: 'feel-valid.bpmn', content: xml }]);
    // then
    expect(deployment.processes).toEqual([expect.objectContaining({ processDefinitionId: 'feel-valid', processDefinitionVersion: 1 })]);
  });

  test.each(BROKEN)('a syntax error in the $place expression is a 400 naming $element and the expression; nothing is stored', async ({ place, expression, element }) => {
    // given
    const id = `feel-broken-${place.toLowerCase()}`;
    const xml = model(id, { ...VALID, [place]: expression });
    // when
    const problem = await deployError(client, `${id}.bpmn`, xml);
    // then
    expect(problem.statusCode).toBe(400);
    expect(problem.detail).toContain('Expected to deploy new resources, but encountered the following errors');
    expect(problem.detail).toContain(`Element '${element}'`);
    expect(problem.detail).toContain(`failed to parse expression '${expression.slice(1)}'`);
    const stored = await client.searchProcessDefinitions({ filter: { processDefinitionId: id } } as never);
    expect(stored.items).toEqual([]);
  });

  test('an evaluation that runs too long is stopped: an incident on its element, and the runtime keeps serving', async () => {
    // given: a script that would count to a hundred million, and a runtime that stops evaluations after 1 s
    await client.deployResources([
      { name: 'feel-endless.bpmn', content: scriptModel('feel-endless', '=count(for x in 1..100000000 return x)') },
      { name: 'feel-quick.bpmn', content: scriptModel('feel-quick', '=sum(for x in 1..10 return x)') },
    ]);
    // when
    const endless = await client.createProcessInstance({ processDefinitionId: 'feel-endless', variables: {} });
    const quick = await client.createProcessInstanceWithResult({ processDefinitionId: 'feel-quick', variables: {} });
    // then: the endless script is an incident on its element, the instance waits there; the quick one completed
    const [incident] = await eventually(async () => {
      const found = await incidents(client, String(endless.processInstanceKey));
      return found.length > 0 ? found : undefined;
    }, 'the incident of the stopped evaluation');
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'Script_Run', state: 'ACTIVE', errorMessage: "Expected to evaluate expression but timed out after 1000 ms: 'count(for x in 1..100000000 return x)'" });
    expect(quick.variables).toEqual({ total: 55 });
    expect(await activeElementIds(client, String(endless.processInstanceKey))).toEqual(['Script_Run']);
  });
});

function scriptModel(id: string, expression: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${id}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Script_Run" />
    <bpmn:scriptTask id="Script_Run"><bpmn:extensionElements><zeebe:script expression="${escape(expression)}" resultVariable="total" /></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Script_Run" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;
}
