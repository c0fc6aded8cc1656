import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_ROUTINE_DECISIONS, MESSAGE_VARIABLES, MESSAGES, NOTICE_STATES, SCOPES } from '../../contract';
import { feelInBpmn } from '../../lint/feel';

const ROOT = path.join(__dirname, '../..');

interface Component {
  type: string;
  key?: string;
  values?: { value: string }[];
}
const form = (id: string) => (JSON.parse(readFileSync(path.join(ROOT, 'forms', `${id}.form`), 'utf8')) as { components: Component[] }).components;
const keys = (id: string) => form(id).flatMap((c) => (c.key ? [c.key] : []));
const feelOf = async (file: string, element: string) =>
  (await feelInBpmn(readFileSync(path.join(ROOT, 'bpmn', file), 'utf8'))).filter((f) => f.element === element).map((f) => f.expression);

describe('form fields carry the variables the models read', () => {
  it('R12, R13, R18: assess-scope offers exactly the contract scopes, and the gateway tests them', async () => {
    // given the scope field and the gateway's conditions
    const scope = form('assess-scope').find((c) => c.key === 'scope')!;
    const conditions = [...(await feelOf('driftstorning-sesam.bpmn', 'Flow_ToFullItOutage')), ...(await feelOf('driftstorning-sesam.bpmn', 'Flow_ToDeskOnly'))];
    // then the choices are the contract's and the two conditional branches name theirs (the third is the default flow)
    expect(scope.values!.map((v) => v.value).sort()).toEqual([...SCOPES].sort());
    expect(conditions).toEqual(['scope = "full-it-outage"', 'scope = "desk-only"']);
  });

  it('R3, P3, T2: approve-notice has every field the approval output mapping reads (the prognosis as a time and a text), and only contract notice states', async () => {
    // given the output mappings of the approval task
    const mappings = (await feelOf('publicera-driftinformation.bpmn', 'UserTask_ApproveNotice')).join(' ');
    // then each field it reads is a form key
    for (const v of ['noticeTitle', 'noticeBody', 'noticeState', 'prognosisExpectedAt', 'prognosisText', 'approvedBy', 'approved']) {
      expect(mappings).toContain(v);
      expect(keys('approve-notice')).toContain(v);
    }
    const states = form('approve-notice').find((c) => c.key === 'noticeState')!.values!.map((v) => v.value);
    expect(states.sort()).toEqual([...NOTICE_STATES].sort());
  });

  it('R19, P2: reconcile-paper-referrals has both counts the "all entered?" gateway compares', async () => {
    const [condition] = await feelOf('driftstorning-sesam.bpmn', 'Flow_AllEntered_Yes');
    for (const v of ['paperReferralsReceived', 'paperReferralsEntered']) {
      expect(condition).toContain(v);
      expect(keys('reconcile-paper-referrals')).toContain(v);
    }
  });

  it('T2, R17: decide-backup-routine offers exactly the contract decisions that the watch tests, and shows the prognosis', async () => {
    // given the decision field and the gateways of the 4-hour watch
    const decision = form('decide-backup-routine').find((c) => c.key === 'backupRoutineDecision')!;
    const startNow = (await feelOf('driftstorning-sesam.bpmn', 'Flow_StartNow_Yes')).join(' ');
    const texts = JSON.stringify(form('decide-backup-routine'));
    // then the choices are the contract's, the gateway tests "start-now", and the form shows the prognosis in Swedish time
    expect(decision.values!.map((v) => v.value).sort()).toEqual([...BACKUP_ROUTINE_DECISIONS].sort());
    expect(startNow).toContain('"start-now"');
    expect(texts).toContain('prognosis.expectedAtText');
  });

  it('R12: follow-it-instructions shows the instructions the IT message carries', () => {
    // given the variable the message it-instructions-received carries (contract)
    const [variable] = MESSAGE_VARIABLES[MESSAGES.itInstructionsReceived];
    // then the form shows it
    expect(keys('follow-it-instructions')).toContain(variable);
  });
});
