import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HistoryLoader } from '../../../lib/dashboard/HistoryLoader';
import { computeDashboard, type DateRange } from '../../../lib/dashboard/history';
import { dashboardCsv } from '../../../lib/dashboard/tables';
import { HttpError } from '../HttpError';
import type { WebContext } from '../WebContext';
import { dashboardPage } from '../views/dashboardPage';
import { canSeeDashboard } from '../views/layout';
import { auth, pageContext, sendPage } from './requestHelpers';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `?fran=YYYY-MM-DD&till=YYYY-MM-DD` (Swedish calendar days, inclusive); anything else is left out and said. */
export function rangeOf(req: FastifyRequest): { range: DateRange; error?: string } {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const range: DateRange = {};
  let error: string | undefined;
  for (const [param, key] of [['fran', 'from'], ['till', 'to']] as const) {
    const v = q[param];
    if (typeof v !== 'string' || v === '') continue;
    if (DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) range[key] = v;
    else error = 'Ett datum kunde inte läsas (ÅÅÅÅ-MM-DD) och är utelämnat.';
  }
  if (range.from && range.to && range.from > range.to) error = '"Från och med" ligger efter "till och med": perioden är tom.';
  return { range, ...(error ? { error } : {}) };
}

function query(range: DateRange): string {
  const p = new URLSearchParams();
  if (range.from) p.set('fran', range.from);
  if (range.to) p.set('till', range.to);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function dashboardRoutes(app: FastifyInstance, ctx: WebContext): void {
  const history = new HistoryLoader(ctx.engine);
  const allowed = (req: FastifyRequest) => {
    const { user } = auth(req);
    if (!canSeeDashboard(user)) throw new HttpError(403, 'Uppföljningen är för VO Hjälpmedel och systemansvarig.');
    return user;
  };

  app.get('/uppfoljning', async (req, reply) => {
    allowed(req);
    const { range, error } = rangeOf(req);
    const [facts, clock] = await Promise.all([history.facts(), ctx.engine.clock()]);
    return sendPage(reply, dashboardPage(pageContext(req, clock), computeDashboard(facts, range), `/uppfoljning.csv${query(range)}`, error));
  });

  app.get('/uppfoljning.csv', async (req, reply) => {
    const user = allowed(req);
    const { range } = rangeOf(req);
    const csv = dashboardCsv(computeDashboard(await history.facts(), range));
    ctx.logger.info({ userId: user.id, event: 'dashboard-exported' }, 'dashboard exported as CSV');
    const name = `uppfoljning${range.from ? `-${range.from}` : ''}${range.to ? `-till-${range.to}` : ''}.csv`;
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}"`).send(csv);
  });
}
