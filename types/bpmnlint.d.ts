// Ambient types for bpmnlint's Linter and NodeResolver (the package's own types are not exported at these paths).
declare module 'bpmnlint' {
  export interface LintReport {
    id?: string;
    message: string;
    path?: (string | number)[];
    category: 'error' | 'warn' | 'info' | 'rule-error';
  }
  export interface Resolver {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  }
  export class Linter {
    constructor(options: { config?: object; resolver: Resolver });
    lint(moddleRoot: unknown, config?: object): Promise<Record<string, LintReport[]>>;
  }
}
declare module 'bpmnlint/lib/resolver/node-resolver' {
  import type { Resolver } from 'bpmnlint';
  const NodeResolver: { new (options?: { require?: NodeRequire; requireLocal?: NodeRequire }): Resolver };
  export = NodeResolver;
}
