// Ambient types for @camunda/form-linting (ships none): the Camunda Modeler's form linter.
declare module '@camunda/form-linting' {
  export interface FormLintReport {
    id?: string;
    path?: (string | number)[];
    message: string;
    category?: string;
  }
  export class FormLinter {
    lint(contents: string | object): FormLintReport[] | Promise<FormLintReport[]>;
  }
}
