import { JOB_CONTRACTS, MESSAGES, NOTIFY_TEMPLATES, ROLES } from '../../contract';

/** Swedish names for the contract's ids, shown in the task list, cockpit and timeline. */
const GROUP_LABELS: Record<string, string> = Object.fromEntries(Object.values(ROLES).map((r) => [r.group, r.label]));

export function groupLabel(group: string): string {
  return GROUP_LABELS[group] ?? group;
}

const MESSAGE_LABELS: Record<string, string> = {
  [MESSAGES.reportReceived]: 'Ny anmälan om samma störning',
  [MESSAGES.systemOwnerAcknowledged]: 'Systemansvarig har kvitterat',
  [MESSAGES.prognosisReceived]: 'Prognos från IT',
  [MESSAGES.systemRestored]: 'Sesam åter i drift',
  [MESSAGES.itInstructionsReceived]: 'Instruktioner från regional IT',
};

export function messageLabel(name: string): string {
  return MESSAGE_LABELS[name] ?? name;
}

export function jobTypeLabel(type: string): string {
  return (JOB_CONTRACTS as Record<string, { label: string }>)[type]?.label ?? type;
}

const TEMPLATE_LABELS: Record<string, string> = {
  [NOTIFY_TEMPLATES.disruptionReported]: 'störningen anmäld',
  [NOTIFY_TEMPLATES.systemOwnerOffDuty]: 'systemansvarig ej i tjänst',
  [NOTIFY_TEMPLATES.acknowledgementOverdue]: 'kvittens uteblev',
  [NOTIFY_TEMPLATES.reportReceived]: 'anmälan mottagen',
  [NOTIFY_TEMPLATES.deskOnlyNoticeRequested]: 'särskild information begärd',
  [NOTIFY_TEMPLATES.backupRoutineActivated]: 'reservrutin aktiverad',
  [NOTIFY_TEMPLATES.backupRoutineEnded]: 'reservrutin avslutad',
  [NOTIFY_TEMPLATES.systemRestored]: 'Sesam åter i drift',
  [NOTIFY_TEMPLATES.slaBreached]: 'SLA-mål överskridet',
  [NOTIFY_TEMPLATES.noticeUpdateDue]: 'dags att uppdatera driftinformationen',
  [NOTIFY_TEMPLATES.reviewDue]: 'uppföljning väntar',
};

export function templateLabel(template: string): string {
  return TEMPLATE_LABELS[template] ?? template;
}

const NOTIFY_ROLE_LABELS: Record<string, string> = { ...GROUP_LABELS, prescribers: 'Förskrivare som anmält' };

export function notifyRoleLabel(role: string): string {
  return NOTIFY_ROLE_LABELS[role] ?? role;
}

const STATE_LABELS: Record<string, string> = {
  ACTIVE: 'Pågår',
  COMPLETED: 'Avslutad',
  TERMINATED: 'Avbruten',
  CANCELED: 'Avbruten',
  CREATED: 'Öppen',
  RESOLVED: 'Löst',
};

export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? state;
}

const ELEMENT_TYPE_LABELS: Record<string, string> = {
  START_EVENT: 'Starthändelse',
  END_EVENT: 'Sluthändelse',
  SERVICE_TASK: 'Automatisk uppgift',
  SEND_TASK: 'Skicka',
  USER_TASK: 'Användaruppgift',
  RECEIVE_TASK: 'Ta emot',
  EXCLUSIVE_GATEWAY: 'Beslutspunkt',
  PARALLEL_GATEWAY: 'Parallell gren',
  INCLUSIVE_GATEWAY: 'Beslutspunkt',
  EVENT_BASED_GATEWAY: 'Vänta på händelse',
  INTERMEDIATE_CATCH_EVENT: 'Mellanhändelse',
  INTERMEDIATE_THROW_EVENT: 'Mellanhändelse',
  BOUNDARY_EVENT: 'Kanthändelse',
  SUB_PROCESS: 'Delprocess',
  EVENT_SUB_PROCESS: 'Händelsedelprocess',
  CALL_ACTIVITY: 'Anropad process',
  BUSINESS_RULE_TASK: 'Regeluppgift',
  SCRIPT_TASK: 'Skriptuppgift',
  MULTI_INSTANCE_BODY: 'Flerinstans',
};

/** User tasks: open, completed or cancelled. */
export function taskStateLabel(state: string): string {
  return state === 'CREATED' ? 'Öppen' : state === 'COMPLETED' ? 'Slutförd' : state === 'CANCELED' ? 'Avbruten' : state;
}

/** Incidents: open or resolved. */
export function incidentStateLabel(state: string): string {
  return state === 'ACTIVE' ? 'Öppen' : state === 'RESOLVED' ? 'Löst' : state;
}

export function elementTypeLabel(type: string): string {
  return ELEMENT_TYPE_LABELS[type] ?? type;
}
