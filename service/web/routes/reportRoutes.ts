import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { IntakeService } from '../../intake/IntakeService';
import { DEVIATION_REPORT_CSS, DiagramIndex, DisruptionLoader, EngineGateway, buildTimeline, renderDeviationReport } from '../../../lib/timeline';
import type { DeskAuth } from '../plugins/DeskAuth';
import { html } from '../../../lib/html/html';
import { page } from '../views/layout';
import { requireGroup } from '../plugins/staffAccess';

export interface ReportRoutesDeps {
  intake: IntakeService;
  auth: DeskAuth;
  /** The engine, read through the SDK's REST client (the deviation report's instances, variables, tasks). */
  engine: EngineGateway;
  logger: Logger;
  now: () => Date;
}

const REPORT_GROUPS = ['system-owner', 'assistive-devices-operation'];

/**
 * The deviation report (avvikelserapport, P7, P8) of a disruption, for the post-incident review: the timeline of every
 * step, message, notice and decision, read from the engine (REST API v2) – also in production beside Camunda 8.
 * Signed-in system owner and VO Hjälpmedel. Print with the browser (no script: strict CSP).
 */
export function registerReportRoutes(app: FastifyInstance, deps: ReportRoutesDeps): void {
  const loader = new DisruptionLoader(deps.engine, new DiagramIndex());

  app.get('/assets/report.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(DEVIATION_REPORT_CSS),
  );

  app.get<{ Params: { disruptionId: string } }>('/it/driftstorning/:disruptionId/avvikelserapport', async (request, reply) => {
    const session = requireGroup(deps.auth, request, reply, REPORT_GROUPS, '/it');
    if (!session) return reply;
    // An allocation that merged into a disruption started elsewhere (P1) reports as that one.
    const own = deps.intake.disruption(request.params.disruptionId);
    const known = own?.mergedInto ? deps.intake.disruption(own.mergedInto) : own;
    const notFound = () =>
      reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(page({ title: 'Driftstörningen finns inte', body: html`<h1>Driftstörningen finns inte</h1><p><a href="/it">Tillbaka</a></p>` }));
    if (!known) return notFound();
    // Issue #10 (found by the fuzzer): a disruption the intake allocated but the engine has not started yet has no
    // instance to report on – a 404 page that says so, not a failed engine search (500).
    if (!/^\d+$/.test(known.processInstanceKey)) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(
          page({
            title: 'Driftstörningen är inte startad än',
            body: html`<h1>Driftstörningen är inte startad än</h1><p>Anmälan är sparad och lämnas till processmotorn så snart den svarar. Avvikelserapporten finns när driftstörningen har startat.</p><p><a href="/it">Tillbaka</a></p>`,
          }),
        );
    }
    const disruption = await loader.load(known.processInstanceKey);
    if (!disruption) return notFound();
    const rendered = renderDeviationReport({
      disruption,
      timeline: buildTimeline(disruption, { nameOf: (id) => deps.auth.nameOf(id) }),
      author: { name: session.name, id: session.id },
      clock: deps.now().getTime(),
      stylesheetHref: '/assets/report.css',
      back: { href: '/it', label: 'Tillbaka till För IT' },
    });
    deps.logger.info({ disruptionId: known.disruptionId, userId: session.id }, 'deviation report exported');
    return reply.type('text/html; charset=utf-8').send(rendered.value);
  });
}
