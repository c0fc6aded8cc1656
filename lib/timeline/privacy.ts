import { maskPersonalData, withoutPersonalData } from '../privacy/personalData';
import type { Disruption, InstanceDetail } from './DisruptionLoader';

/** Does a reader in these groups need the reporters' personal data (the desk, the system owner, VO Hjälpmedel)? */
export function needsPersonalData(groups: readonly string[], personalDataGroups: readonly string[]): boolean {
  return groups.some((g) => personalDataGroups.includes(g));
}

function maskedDetail(d: InstanceDetail): InstanceDetail {
  return {
    ...d,
    variables: withoutPersonalData(d.variables),
    decisions: new Map([...d.decisions].map(([key, values]) => [key, withoutPersonalData(values)])),
    incidents: d.incidents.map((i) => ({ ...i, errorMessage: maskPersonalData(i.errorMessage) })),
  };
}

/**
 * The disruption as a reader without the need sees it (issue #10): variables and decisions without personal data –
 * values under personal keys (reports, recipients, names, contacts) hidden, personnummer, e-mail addresses and phone
 * numbers in free text masked – and incident messages masked. The timeline and the report built from it show the same.
 */
export function withoutPersonalDataFor(disruption: Disruption): Disruption {
  return { root: maskedDetail(disruption.root), children: disruption.children.map(maskedDetail) };
}
