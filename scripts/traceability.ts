/**
 * Generates docs/traceability.md: every rule of the routine (R1–R22, P1–P12, T1–T6) → the BPMN elements whose
 * documentation names it → the tests whose names (describe + test title) name it. Rules without an element
 * or without a test are listed as gaps.
 *
 *   npm run traceability            # write docs/traceability.md
 *   npx tsx scripts/traceability.ts --check   # exit 1 if docs/traceability.md is stale
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { readModelFacts, type ElementFact } from '../lint/modelFacts';
import { ruleIdsIn, RULE_IDS } from '../lint/util';

const ROOT = path.resolve(__dirname, '..');
export const TRACEABILITY_FILE = path.join(ROOT, 'docs/traceability.md');

/** Short titles of the rules (routine.md; the Swedish original wins). */
export const RULE_TITLES: Record<string, string> = {
  R1: 'Scope: Sesam S2, Websesam, Visma webSesam; all product areas',
  R2: 'IT owns every disruption and appoints a system owner',
  R3: 'Only IT publishes, through the system owner',
  R4: 'One channel, subscribable',
  R5: "VO Hjälpmedel's duty to assist",
  R6: 'Reports are escalated; 30 000',
  R7: 'IT provider follows SLA silver B',
  R8: 'Vendor (Visma) assists troubleshooting',
  R9: 'Prescribers keep paper referral forms',
  R10: 'VO Hjälpmedel holds parties to their agreements',
  R11: 'System owner publishes and holds the process together',
  R12: 'Full IT outage: wait for IT, no own action',
  R13: 'Sesam down: report to the system owner at once',
  R14: 'Owner off duty: unit manager + service-desk incident',
  R15: 'Contact the vendor',
  R16: 'Desk informs callers, points to the notice, asks them to wait',
  R17: '4 hours without prognosis: backup routine + notice',
  R18: 'Only the desk lost contact: work mobiles + special notice',
  R19: 'OT backup routine: paper referrals, entered after restoration',
  R20: 'Desk tells Aktiv Ortopedteknik',
  R21: 'Backup-routine notice with links',
  R22: 'Related documents linked',
  P1: 'One disruption, many reports',
  P2: 'Restoration closes the loop (resolved notice, reconciliation)',
  P3: 'Status updates and update reminders',
  P4: 'Escalate if not acknowledged',
  P5: 'On-duty schedule',
  P6: 'SLA timers; breach notifies VO Hjälpmedel',
  P7: 'Append-only timeline, deviation report',
  P8: 'Post-incident review',
  P9: 'Drill mode',
  P10: 'Versioned routine',
  P11: 'Scheduled maintenance',
  P12: 'Works on one laptop when regional IT is down',
  T1: 'One clock: every time counts on the engine clock',
  T2: 'The 4-hour rule with a prognosis (ask VO Hjälpmedel; start when the prognosed time passes)',
  T3: 'Restoration ends everything open, in every scope',
  T4: 'A new report never hides a worse outage',
  T5: 'Immediate means immediate',
  T6: 'Staff read Swedish, not rule ids',
};

export interface TestName {
  file: string;
  name: string;
}

const TEST_FNS = new Set(['describe', 'it', 'test']);

/** The literal title of a describe/it/test call (also `.each(...)(title, ...)`, `.only`, `.concurrent`), if any. */
function titleOf(call: ts.CallExpression): string | undefined {
  let callee: ts.Expression = call.expression;
  if (ts.isCallExpression(callee)) callee = callee.expression; // x.each(table)(title, fn)
  while (ts.isPropertyAccessExpression(callee)) callee = callee.expression;
  if (!ts.isIdentifier(callee) || !TEST_FNS.has(callee.text)) return undefined;
  const arg = call.arguments[0];
  if (!arg) return undefined;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (ts.isTemplateExpression(arg)) return arg.getText().slice(1, -1);
  return undefined;
}

/** Full names (describe titles + test title) of every test in a file. */
export function testNamesIn(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names: string[] = [];
  const visit = (node: ts.Node, chain: string[]) => {
    if (ts.isCallExpression(node)) {
      const title = titleOf(node);
      if (title !== undefined) {
        const callee = ts.isCallExpression(node.expression) ? node.expression.expression : node.expression;
        const base = (ts.isPropertyAccessExpression(callee) ? callee.getText().split('.')[0] : callee.getText()).trim();
        const next = [...chain, title];
        if (base === 'describe') {
          node.arguments.slice(1).forEach((a) => visit(a, next));
        } else {
          names.push(next.join(' › '));
        }
        return;
      }
    }
    ts.forEachChild(node, (c) => visit(c, chain));
  };
  visit(sf, []);
  return names;
}

function listTests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) return f === 'fixtures' || f === 'node_modules' ? [] : listTests(p);
      return f.endsWith('.test.ts') ? [p] : [];
    });
}

/** Every test name under test/ that names at least one rule id. */
export function scanTests(root = ROOT): TestName[] {
  return listTests(path.join(root, 'test')).flatMap((p) =>
    testNamesIn(p, readFileSync(p, 'utf8')).map((name) => ({ file: path.relative(root, p), name })),
  );
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown of docs/traceability.md. */
export async function generateTraceability(root = ROOT): Promise<string> {
  const facts = await readModelFacts(path.join(root, 'bpmn'));
  const tests = scanTests(root);
  const byRuleElements = new Map<string, ElementFact[]>(RULE_IDS.map((r) => [r, []]));
  for (const e of facts.elements) for (const r of e.rules) byRuleElements.get(r)?.push(e);
  const byRuleTests = new Map<string, TestName[]>(RULE_IDS.map((r) => [r, []]));
  for (const t of tests) for (const r of ruleIdsIn(t.name)) byRuleTests.get(r)?.push(t);

  const out: string[] = [];
  out.push('# Traceability: rules → models → tests');
  out.push('');
  out.push('_Generated by `npm run traceability` (scripts/traceability.ts) from the `<bpmn:documentation>` of `bpmn/*.bpmn`');
  out.push('and the names of the jest tests in `test/**/*.test.ts`. Do not edit by hand: the test suite fails when this file is stale._');
  out.push('');
  const gapsModel = RULE_IDS.filter((r) => byRuleElements.get(r)!.length === 0);
  const gapsTest = RULE_IDS.filter((r) => byRuleTests.get(r)!.length === 0);
  out.push('## Gaps');
  out.push('');
  out.push(`- Rules named by no BPMN element: ${gapsModel.length ? gapsModel.join(', ') : 'none'}`);
  out.push(`- Rules named by no test: ${gapsTest.length ? gapsTest.join(', ') : 'none'}`);
  out.push('');
  out.push('## Summary');
  out.push('');
  out.push('| Rule | What | BPMN elements | Tests |');
  out.push('|---|---|---:|---:|');
  for (const r of RULE_IDS) {
    out.push(`| [${r}](#${r.toLowerCase()}) | ${cell(RULE_TITLES[r])} | ${byRuleElements.get(r)!.length} | ${byRuleTests.get(r)!.length} |`);
  }
  out.push('');
  for (const r of RULE_IDS) {
    out.push(`## ${r}`);
    out.push('');
    out.push(`**${RULE_TITLES[r]}**`);
    out.push('');
    const els = byRuleElements.get(r)!;
    out.push('BPMN elements:');
    out.push('');
    if (els.length === 0) out.push('- _none (gap)_');
    for (const e of els) out.push(`- \`${e.processId}\` › \`${e.id}\`${e.name ? ` „${cell(e.name)}”` : ''}`);
    out.push('');
    const ts_ = byRuleTests.get(r)!;
    out.push('Tests:');
    out.push('');
    if (ts_.length === 0) out.push('- _none (gap)_');
    for (const t of ts_) out.push(`- \`${t.file}\`: ${cell(t.name)}`);
    out.push('');
  }
  return out.join('\n');
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  generateTraceability()
    .then((md) => {
      if (check) {
        const current = existsSync(TRACEABILITY_FILE) ? readFileSync(TRACEABILITY_FILE, 'utf8') : '';
        if (current !== md) {
          console.error('docs/traceability.md is stale: run `npm run traceability` and commit it.');
          process.exit(1);
        }
        console.log('docs/traceability.md is up to date.');
        return;
      }
      writeFileSync(TRACEABILITY_FILE, md);
      console.log(`wrote ${path.relative(ROOT, TRACEABILITY_FILE)}`);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exit(2);
    });
}
