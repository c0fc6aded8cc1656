import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../../contract/roles';
import type { LocalUser } from '../auth/UserDirectory';
import { HttpError } from '../HttpError';
import type { WebContext } from '../WebContext';
import { buildTimeline } from '../../../lib/timeline/buildTimeline';
import { cockpitListPage, type CockpitFilter, type InstanceRow } from '../views/cockpitListPage';
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

export function cockpitRoutes(app: FastifyInstance, ctx: WebContext): void {
  app.get('/cockpit', async (req, reply) => {
    auth(req);
    const q = req.query as Record<string, unknown>;
    const filter: CockpitFilter = {
      state: q.state === 'ACTIVE' || q.state === 'COMPLETED' || q.state === 'TERMINATED' ? q.state : 'all',
      includeChildren: q.children === '1',
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
    return sendPage(reply, cockpitListPage(pageContext(req, clock), rows, filter));
  });

  app.get('/cockpit/instances/:key', async (req, reply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    const [disruption, clock] = await Promise.all([ctx.loader.load(key), ctx.engine.clock()]);
    if (!disruption) throw new HttpError(404, 'Processinstansen finns inte.');
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
        { disruption, timeline: buildTimeline(disruption, { nameOf: (id) => ctx.users.get(id)?.name }), diagram, canRetry: canRetry(user), parentKey: disruption.root.instance.parentProcessInstanceKey },
        flashFrom(req),
      ),
    );
  });

  app.get('/cockpit/instances/:key/report', async (req, reply) => {
    const { user } = auth(req);
    const key = keyParam((req.params as Record<string, unknown>).key);
    const [disruption, clock] = await Promise.all([ctx.loader.load(key), ctx.engine.clock()]);
    if (!disruption) throw new HttpError(404, 'Processinstansen finns inte.');
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
