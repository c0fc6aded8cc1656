import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { feelInBpmn } from '../../lint/feel';
import { lintModels } from '../../lint/lintModels';

const ROOT = path.join(__dirname, '../..');

/** A copy of bpmn/, forms/ and .bpmnlintrc in a temp dir, with one file changed. */
function copyWith(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'models-'));
  for (const p of ['bpmn', 'forms', '.bpmnlintrc']) cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(target, after);
  return dir;
}

describe('model checks (scripts/lint-models.ts)', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('the committed models and forms have no problem at all (errors or warnings)', async () => {
    // given bpmn/ and forms/
    // when every check runs
    const { files, problems } = await lintModels(ROOT);
    // then all 4 models and 8 forms are clean
    expect(files).toBe(12);
    expect(problems).toEqual([]);
  });

  it('camunda-compat for Camunda 8.8 is active: a service task without job type is reported', async () => {
    // given a model whose first service task lost its zeebe:taskDefinition
    const dir = copyWith('bpmn/driftstorning-sesam.bpmn', (x) => x.replace('<zeebe:taskDefinition type="contact-vendor" retries="3" />', ''));
    dirs.push(dir);
    // when linted
    const { problems } = await lintModels(dir);
    // then camunda-compat and the local rule both report it
    expect(problems.map((p) => `${p.rule}|${p.element}`)).toEqual(
      expect.arrayContaining(['camunda-compat/implementation|ServiceTask_ContactVendor', 'local/known-job-type|ServiceTask_ContactVendor']),
    );
  });

  it('bpmnlint:recommended is active and parse warnings count: a missing flow is reported', async () => {
    const dir = copyWith('bpmn/planerat-underhall.bpmn', (x) =>
      x.replace(/<bpmn:sequenceFlow id="Flow_Ends_PublishCompleted"[^>]*\/>/, ''),
    );
    dirs.push(dir);
    const { problems } = await lintModels(dir);
    expect(problems.map((p) => `${p.rule}|${p.element}`)).toEqual(
      expect.arrayContaining(['no-implicit-end|Timer_MaintenanceEnds', 'no-implicit-start|ServiceTask_PublishMaintenanceCompleted', 'moddle|(xml)']),
    );
  });

  it('every FEEL expression goes through feel-lint: a broken gateway condition is reported (R17)', async () => {
    // given the "start the backup routine now?" condition with a syntax error
    const dir = copyWith('bpmn/driftstorning-sesam.bpmn', (x) => x.replace('=backupRoutineDecision = "start-now"</bpmn:conditionExpression>', '=backupRoutineDecision = "start-now")</bpmn:conditionExpression>'));
    dirs.push(dir);
    // when linted
    const { problems } = await lintModels(dir);
    // then feel-lint names the flow
    expect(problems.filter((p) => p.rule === 'feel-lint').map((p) => p.element)).toContain('Flow_StartNow_Yes');
  });

  it('collects the FEEL of timers, conditions, mappings and correlation keys (R17, P4, P6, T2)', async () => {
    // given the main model
    const xml = readFileSync(path.join(ROOT, 'bpmn/driftstorning-sesam.bpmn'), 'utf8');
    // when its FEEL expressions are collected
    const found = await feelInBpmn(xml);
    // then the 4-hour timer, the ack timeout, a gateway condition and the correlation key are among them
    const by = (id: string) => found.filter((f) => f.element === id).map((f) => f.expression);
    expect(by('Timer_BackupRoutineCheck')).toEqual([
      'if backupRoutineDecision = "await-prognosis" and prognosis != null then date and time(prognosis.expectedAt) else date and time(reportedAt) + duration(backupRoutineAfter)',
    ]);
    expect(by('Timer_AcknowledgementOverdue')).toEqual(['acknowledgementTimeout']);
    expect(by('Flow_OnDuty_Yes')).toEqual(['systemOwnerOnDuty = true']);
    expect(by('Message_SystemRestored')).toEqual(['disruptionId']);
    expect(found.length).toBeGreaterThan(40);
  });
});
