/**
 * One navigation for staff across the local system (`npm start`): the task list, the cockpit and the dashboard (the
 * local web) and the intake, /it and the outbox (the service) link each other, each link shown to the groups the page
 * is for. Absolute URLs to the other server; relative ones to one's own.
 */
export interface StaffNavLink {
  href: string;
  label: string;
  /** Which page this is ('tasks', 'cockpit', 'dashboard', 'intake', 'it', 'notices', 'outbox'). */
  id: StaffPage;
}

export type StaffPage = 'tasks' | 'cockpit' | 'dashboard' | 'intake' | 'it' | 'notices' | 'outbox';

export interface StaffNavOptions {
  /** Base URL of the local web (task list, cockpit, dashboard); '' when it is this server, undefined when absent. */
  localWeb?: string;
  /** Base URL of the service (intake, /it, notices); '' when it is this server, undefined when absent. */
  service?: string;
  /** The service serves the outbox (local mail capture). */
  outbox?: boolean;
}

const OWNER_GROUPS = ['assistive-devices-operation', 'system-owner'];

function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

export function staffNav(groups: readonly string[], o: StaffNavOptions): StaffNavLink[] {
  const links: StaffNavLink[] = [];
  const owner = groups.some((g) => OWNER_GROUPS.includes(g));
  if (o.localWeb !== undefined) {
    links.push({ id: 'tasks', label: 'Uppgifter', href: join(o.localWeb, '/tasks') });
    links.push({ id: 'cockpit', label: 'Översikt', href: join(o.localWeb, '/cockpit') });
    if (owner) links.push({ id: 'dashboard', label: 'Uppföljning', href: join(o.localWeb, '/uppfoljning') });
  }
  if (o.service !== undefined) {
    if (groups.includes('desk')) links.push({ id: 'intake', label: 'Intag', href: join(o.service, '/intag') });
    if (owner) links.push({ id: 'it', label: 'För IT', href: join(o.service, '/it') });
    links.push({ id: 'notices', label: 'Driftinformation', href: join(o.service, '/driftinfo') });
    if (o.outbox) links.push({ id: 'outbox', label: 'Utkorg', href: join(o.service, '/utkorg') });
  }
  return links;
}
