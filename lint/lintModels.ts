import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { feelInBpmn, feelProblems } from './feel';
import { lintForm } from './forms';
import { lintBpmn, readLintConfig, ROOT, type Problem } from './linter';

/** Run every model check over bpmn/*.bpmn and forms/*.form. */
export async function lintModels(root = ROOT): Promise<{ files: number; problems: Problem[] }> {
  const config = readLintConfig(path.join(root, '.bpmnlintrc'));
  const problems: Problem[] = [];
  let files = 0;
  const list = (dir: string, ext: string) =>
    readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith(ext))
      .sort();
  for (const f of list('bpmn', '.bpmn')) {
    const rel = `bpmn/${f}`;
    const xml = readFileSync(path.join(root, rel), 'utf8');
    problems.push(...(await lintBpmn(rel, xml, config)));
    problems.push(...feelProblems(rel, await feelInBpmn(xml)));
    files++;
  }
  for (const f of list('forms', '.form')) {
    const rel = `forms/${f}`;
    problems.push(...(await lintForm(rel, readFileSync(path.join(root, rel), 'utf8'), f.replace(/\.form$/, ''))));
    files++;
  }
  return { files, problems };
}

export function formatProblem(p: Problem): string {
  return `${p.file}  ${p.element}  ${p.severity}  ${p.message}  [${p.rule}]`;
}
