// Ambient types for @bpmn-io/feel-lint (ships none): only lintExpression, used by the model checks.
declare module '@bpmn-io/feel-lint' {
  export interface LintMessage {
    from: number;
    to: number;
    severity: 'error' | 'warning' | 'info' | 'hint';
    type: string;
    message: string;
  }
  export function lintExpression(
    expression: string,
    options?: { dialect?: 'expression' | 'unaryTests'; parserDialect?: string; builtins?: unknown[]; variables?: { name: string }[] },
  ): LintMessage[];
}
