import type { FastifyInstance } from 'fastify';
import { PERSONAL_DATA_GROUPS, ROLES } from '../../../contract/roles';
import { needsPersonalData, withoutPersonalDataFor } from '../../../lib/timeline/privacy';
import type { Disruption } from '../../../lib/timeline/DisruptionLoader';
import type { LocalUser } from '../auth/UserDirectory';
import { HttpError } from '../HttpError';
import type { WebContext } from '../WebContext';
import { buildTimeline } from '../../../lib/timeline/buildTimeline';
import { cockpitListPage, type CockpitChoices, type CockpitFilter, type InstanceRow } from '../views/cockpitListPage';
import { incidentsPage, type IncidentRow } from '../views/incidentsPage';
import { diagramModel, instancePage, type DiagramModel } from '../views/instancePage';
import { reportPage } from '../views/reportPage';
import { realNow } from '../../../lib/timeline/format';
import { decodeValue } from '../../../lib/camunda/variables';
import { auth, flashFrom, keyParam, pageContext, sendPage } from './requestHelpers';

/** Who may retry incidents: the routine's owner (R5, R10) and IT's system owner (R2, R11). */
const RETRY_GROUPS: string[] = [ROLES.assistiveDevicesOperation.group, ROLES.systemOwner.group];

export function canRetry(user: LocalUser): boolean {
  return user.groups.some((g) => RETRY_GROUPS.includes(g));
}

/**
 * Issue #10: the reporters' personal data is shown only to the groups whose work needs it (contract/roles.ts); the unit
 * manager and Aktiv Ortopedteknik see the disruption with it masked – variables, decisions, timeline, report.
 */
function asSeenBy(user: LocalUser, disruption: Disruption): Disruption {
  return needsPersonalData(user.groups, PERSONAL_DATA_GROUPS) ? disruption : withoutPersonalDataFor(disruption);
}

export function cockpitRoutes(app: FastifyInstance, ctx: WebContext): void {
  app.get('/cockpit', async (req, reply) => {
    auth(req);
    const q = req.query as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : undefined);
    const filter: CockpitFilter = {
      state: q.state === 'ACTIVE' || q.state === 'COMPLETED' || q.state === 'TERMINATED' ? q.state : 'all',
      includeChildren: q.children === '1',
      ...(text(q.q) ? { search: text(q.q) } : {}),
      ...(q.incidents === '1' ? { incidentsOnly: true } : {}),
      ...(text(q.process) ? { process: text(q.process) } : {}),
      ...(text(q.version) && /^\d{1,6}$/.test(text(q.version) as string) ? { version: text(q.version) } : {}),
    };
    const [instances, ids, drills, incidents, definitions, clock] = await Promise.all([
      ctx.engine.processInstances(filter.state === 'all' ? {} : { state: filter.state }),
      ctx.engine.variables({ name: 'disruptionId' }),
      ctx.engine.variables({ name: 'drill' }),
      ctx.engine.incidents({ state: 'ACTIVE' }),
      ctx.engine.processDefinitions(),
      ctx.engine.clock(),
    ]);
    const rootVar = (items: typeof ids) =>
      new Map(items.filter((v) => !v.scopeKey || v.scopeKey === v.processInstanceKey).map((v) => [v.processInstanceKey as string, decodeValue(v.value)]));
    const idMap = rootVar(ids);
    const drillMap = rootVar(drills);
    const defs = new Map(definitions.map((d) => [d.processDefinitionKey, d]));
    const incidentCount = new Map<string, number>();
    for (const i of incidents) incidentCount.set(i.processInstanceKey, (incidentCount.get(i.processInstanceKey) ?? 0) + 1);
    // A root instance shows the incidents of its called instances too.
    const parentOf = new Map(instances.map((i) => [i.processInstanceKey, i.parentProcessInstanceKey ?? null]));
    const rolledUp = new Map(incidentCount);
    for (const [key, n] of incidentCount) {
      let p = parentOf.get(key);
      const seen = new Set<string>();
      while (p && !seen.has(p)) {
        seen.add(p);
        rolledUp.set(p, (rolledUp.get(p) ?? 0) + n);
        p = parentOf.get(p) ?? null;
      }
    }
    const rows: InstanceRow[] = instances
      .filter((i) => filter.includeChildren || !i.parentProcessInstanceKey)
      .map((instance) => {
        const def = defs.get(instance.processDefinitionKey);
        const id = idMap.get(instance.processInstanceKey);
        return {
          instance,
          disruptionId: typeof id === 'string' ? id : undefined,
          drill: drillMap.get(instance.processInstanceKey) === true,
          activeIncidents: (filter.includeChildren ? incidentCount : rolledUp).get(instance.processInstanceKey) ?? 0,
          versionTag: def?.versionTag,
          processName: def?.name || instance.processDefinitionName || instance.processDefinitionId,
        };
      });
    const needle = filter.search?.toLocaleLowerCase('sv');
    const shown = rows.filter(
      (r) =>
        (!needle || r.instance.processInstanceKey === filter.search || (r.disruptionId ?? '').toLocaleLowerCase('sv').includes(needle)) &&
        (!filter.incidentsOnly || r.activeIncidents > 0) &&
        (!filter.process || r.instance.processDefinitionId === filter.process) &&
        (!filter.version || String(r.instance.processDefinitionVersion) === filter.version),
    );
    const choices: CockpitChoices = {
      processes: [...new Map(definitions.map((d) => [d.processDefinitionId, { id: d.processDefinitionId, name: d.name || d.processDefinitionId }])).values()],
      versions: [...new Set(definitions.map((d) => String(d.version)))].sort((a, b) => Number(a) - Number(b)),
    };
    return sendPage(reply, cockpitListPage(pageContext(req, clock), shown, filter, choices));
  });

  /** Operate's incidents view: every open incident across instances, with its disruption. */
  app.get('/cockpit/incidents', async (req, reply) => {
    auth(req);
    const [incidents, ids, instances, clock] = await Promise.all([
      ctx.engine.incidents({ state: 'ACTIVE' }),
      ctx.engine.variables({ name: 'disruptionId' }),
      ctx.engine.processInstances({}),
      ctx.engine.clock(),
    ]);
    const idOf = new Map(ids.map((v) => [String(v.processInstanceKey), decodeValue(v.value)]));
    const parentOf = new Map(instances.map((i) => [String(i.processInstanceKey), i.parentProcessInstanceKey ? String(i.parentProcessInstanceKey) : undefined]));
    const disruptionOf = (key: string): string | undefined => {
      for (let k: string | undefined = key, n = 0; k && n < 20; k = parentOf.get(k), n++) {
        const id = idOf.get(k);
        if (typeof id === 'string') return id;
      }
      return undefined;
    };
    const rows: IncidentRow[] = incidents.map((i) => ({ incident: i, disruptionId: disruptionOf(String(i.processInstanceKey)) }));
    return sendPage(reply, incidentsPage(pageContext(req, clock), rows));
  });

  app.get('/cockpit/instances/:key', async (req, reply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    const [loaded, clock] = await Promise.all([ctx.loader.load(key), ctx.engine.clock()]);
    if (!loaded) throw new HttpError(404, 'Processinstansen finns inte.');
    const disruption = asSeenBy(user, loaded);
    let diagram: DiagramModel | undefined;
    try {
      diagram = diagramModel(disruption.root, await ctx.engine.processDefinitionXml(disruption.root.instance.processDefinitionKey));
    } catch (err) {
      ctx.logger.warn({ err, processInstanceKey: key }, 'cannot load the process diagram');
    }
    return sendPage(
      reply,
      instancePage(
        { ...pageContext(req, clock), user },
        { disruption, timeline: buildTimeline(disruption, { nameOf: (id) => ctx.users.get(id)?.name }), diagram, canRetry: canRetry(user), parentKey: disruption.root.instance.parentProcessInstanceKey, nameOf: (id) => ctx.users.get(id)?.name },
        flashFrom(req),
      ),
    );
  });

  app.get('/cockpit/instances/:key/report', async (req, reply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    const [loaded, clock] = await Promise.all([ctx.loader.load(key), ctx.engine.clock()]);
    if (!loaded) throw new HttpError(404, 'Processinstansen finns inte.');
    const disruption = asSeenBy(user, loaded);
    ctx.logger.info({ userId: user.id, processInstanceKey: key, event: 'report-exported' }, 'deviation report exported');
    return sendPage(reply, reportPage({ disruption, timeline: buildTimeline(disruption, { nameOf: (id) => ctx.users.get(id)?.name }), user, clock: clock ?? realNow() }));
  });

  app.post('/cockpit/incidents/:key/retry', async (req, reply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    if (!canRetry(user)) throw new HttpError(403, 'Endast VO Hjälpmedel och systemansvarig kan försöka igen efter en incident.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const retries = Math.min(10, Math.max(1, Number.parseInt(String(body.retries ?? '1'), 10) || 1));
    const [incident] = await ctx.engine.incidents({ incidentKey: key });
    if (!incident) throw new HttpError(404, 'Incidenten finns inte.');
    if (incident.state !== 'ACTIVE') throw new HttpError(409, 'Incidenten är redan löst.');
    await ctx.engine.retryIncident(incident, retries);
    ctx.logger.info({ userId: user.id, incidentKey: key, jobKey: incident.jobKey, retries, processInstanceKey: incident.processInstanceKey, event: 'incident-retried' }, 'incident retried');
    const back = typeof body.processInstanceKey === 'string' && /^\d{1,40}$/.test(body.processInstanceKey) ? body.processInstanceKey : incident.processInstanceKey;
    return reply.redirect(`/cockpit/instances/${back}?ok=retried`, 303);
  });
}
