import type { RuleFactory } from './types';
import documentationNamesRules from './rules/documentation-names-rules';
import elementIdConvention from './rules/element-id-convention';
import knownCalledProcess from './rules/known-called-process';
import knownErrorCode from './rules/known-error-code';
import knownJobType from './rules/known-job-type';
import messageCorrelatedOnDisruption from './rules/message-correlated-on-disruption';
import userTaskFormAndGroup from './rules/user-task-form-and-group';
import validTimer from './rules/valid-timer';

/** The project's own bpmnlint rules (`plugin:local/recommended` in .bpmnlintrc). One rule per file in lint/rules/. */
export const LOCAL_RULES: Record<string, RuleFactory> = {
  'documentation-names-rules': documentationNamesRules,
  'element-id-convention': elementIdConvention,
  'known-called-process': knownCalledProcess,
  'known-error-code': knownErrorCode,
  'known-job-type': knownJobType,
  'message-correlated-on-disruption': messageCorrelatedOnDisruption,
  'user-task-form-and-group': userTaskFormAndGroup,
  'valid-timer': validTimer,
};

export const LOCAL_PLUGIN = {
  rules: LOCAL_RULES,
  configs: {
    recommended: { rules: Object.fromEntries(Object.keys(LOCAL_RULES).map((name) => [`local/${name}`, 'error'])) },
  },
};
