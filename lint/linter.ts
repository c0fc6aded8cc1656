import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter, type LintReport, type Resolver } from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver';
import { parseBpmn } from './moddle';
import { LOCAL_PLUGIN } from './plugin';

export const ROOT = path.resolve(__dirname, '..');
const LOCAL_PKG = 'bpmnlint-plugin-local';

/** Resolves `plugin:local/...` to lint/plugin.ts and everything else (bpmnlint, camunda-compat) through node_modules. */
export class ProjectResolver implements Resolver {
  private readonly node = new NodeResolver();

  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg === LOCAL_PKG) {
      const rule = LOCAL_PLUGIN.rules[ruleName];
      if (!rule) throw new Error(`unknown local rule <${ruleName}>`);
      return rule;
    }
    return this.node.resolveRule(pkg, ruleName);
  }

  resolveConfig(pkg: string, configName: string): unknown {
    if (pkg === LOCAL_PKG) {
      const config = (LOCAL_PLUGIN.configs as Record<string, unknown>)[configName];
      if (!config) throw new Error(`unknown local config <${configName}>`);
      return config;
    }
    return this.node.resolveConfig(pkg, configName);
  }
}

export interface Problem {
  file: string;
  element: string;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

/** The project's bpmnlint configuration (.bpmnlintrc). */
export function readLintConfig(file = path.join(ROOT, '.bpmnlintrc')): object {
  return JSON.parse(readFileSync(file, 'utf8')) as object;
}

/** bpmnlint (recommended + camunda-compat 8.8 + local rules) on one BPMN document; parse warnings count as problems. */
export async function lintBpmn(file: string, xml: string, config: object = readLintConfig()): Promise<Problem[]> {
  const { rootElement, warnings } = await parseBpmn(xml);
  const problems: Problem[] = warnings.map((w) => ({ file, element: '(xml)', rule: 'moddle', severity: 'error' as const, message: w.message }));
  const linter = new Linter({ config, resolver: new ProjectResolver() });
  const results = await linter.lint(rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports as LintReport[]) {
      problems.push({
        file,
        element: r.id ?? '(definitions)',
        rule,
        severity: r.category === 'warn' || r.category === 'info' ? 'warning' : 'error',
        message: r.message + (r.path?.length ? ` (${r.path.join('.')})` : ''),
      });
    }
  }
  return problems;
}
