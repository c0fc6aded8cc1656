import type { Broker } from '../../../../runtime/src/broker/types';
import { fixture, memoryBroker, rootVariables } from '../helpers';

describe('user tasks (zeebe:userTask)', () => {
  let broker: Broker;
  beforeEach(async () => {
    broker = await memoryBroker();
    await broker.deploy([fixture('review-form.form'), fixture('user-task.bpmn')]);
  });
  afterEach(() => broker.close());

  it('creates the task with assignee, candidates, schedule, priority and the linked form', () => {
    // given / when
    const pi = broker.createProcessInstance({ processDefinitionId: 'user-task', variables: { owner: 'sara', due: '2026-12-02T10:00:00+01:00' } });
    // then
    const [task] = broker.userTasks({ processInstanceKey: pi.processInstanceKey });
    expect(task).toMatchObject({
      elementId: 'UserTask_Review',
      name: 'Review disruption',
      state: 'CREATED',
      assignee: 'sara',
      candidateGroups: ['desk', 'system-owner'],
      candidateUsers: ['anna', 'bo'],
      dueDate: '2026-12-02T09:00:00.000Z',
      followUpDate: '2026-12-01T08:00:00.000Z',
      priority: 80,
    });
    const form = broker.userTaskForm(task.userTaskKey);
    expect(form.formId).toBe('review-form');
    expect(task.formKey).toBe(form.formKey);
  });

  it('assigns, refuses a conflicting assignment without override, unassigns and updates', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'user-task', variables: { due: null } });
    const [task] = broker.userTasks({ processInstanceKey: pi.processInstanceKey });
    // when
    broker.assignUserTask(task.userTaskKey, 'anna', true);
    // then
    expect(() => broker.assignUserTask(task.userTaskKey, 'bo', false)).toThrow(expect.objectContaining({ status: 409 }));
    broker.unassignUserTask(task.userTaskKey);
    broker.updateUserTask(task.userTaskKey, { candidateGroups: ['unit-manager'], priority: 10 });
    expect(broker.userTasks({ userTaskKey: task.userTaskKey })[0]).toMatchObject({ assignee: null, candidateGroups: ['unit-manager'], priority: 10 });
  });

  it('completes with variables: local when output mappings exist, mapped into the process scope', () => {
    // given
    const pi = broker.createProcessInstance({ processDefinitionId: 'user-task', variables: { due: null } });
    const [task] = broker.userTasks({ processInstanceKey: pi.processInstanceKey });
    // when
    broker.completeUserTask(task.userTaskKey, { decision: 'escalate' });
    // then
    expect(broker.userTasks({ userTaskKey: task.userTaskKey })[0].state).toBe('COMPLETED');
    expect(rootVariables(broker, pi.processInstanceKey)).toEqual({ due: null, reviewDecision: 'escalate' });
    expect(broker.processInstances({ processInstanceKey: pi.processInstanceKey })[0].state).toBe('COMPLETED');
    expect(() => broker.completeUserTask(task.userTaskKey, {})).toThrow(expect.objectContaining({ status: 409 }));
  });

  it('raises a FORM_NOT_FOUND incident when the linked form was never deployed', async () => {
    // given
    const other = await memoryBroker();
    await other.deploy([fixture('user-task.bpmn')]);
    // when
    const pi = other.createProcessInstance({ processDefinitionId: 'user-task', variables: { due: null } });
    // then
    expect(other.incidents({ processInstanceKey: pi.processInstanceKey })[0]).toMatchObject({ errorType: 'FORM_NOT_FOUND', elementId: 'UserTask_Review', state: 'ACTIVE' });
    expect(other.processInstances({ processInstanceKey: pi.processInstanceKey })[0].hasIncident).toBe(true);
    await other.close();
  });
});
