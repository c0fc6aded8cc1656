/**
 * Model checks (run by scripts/lint.sh): bpmnlint (recommended + camunda-compat for Camunda 8.8 + the local
 * rules in lint/rules) on bpmn/*.bpmn, every forms/*.form against the form schema and the Camunda Modeler's
 * form linter, and every FEEL expression through @bpmn-io/feel-lint. Fails on any error or warning.
 */
import { formatProblem, lintModels } from '../lint/lintModels';

lintModels()
  .then(({ files, problems }) => {
    for (const p of problems) console.log(formatProblem(p));
    if (problems.length) {
      console.error(`models: ${problems.length} problem(s) in ${files} files`);
      process.exit(1);
    }
    console.log(`models: ${files} files, no problems`);
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(2);
  });
