import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { IntakeError } from '../../intake/IntakeError';
import type { IntakeService } from '../../intake/IntakeService';
import { IT_MESSAGE_SCHEMAS, fieldErrors, intakeInputSchema, isItMessage } from '../../intake/intakeSchemas';
import type { StoredReport } from '../../intake/ReportStore';
import { isFinalState, noticeIdFor, type NoticeStore } from '../../notices';
import { callerScript, scriptText } from '../views/callerScript';
import type { DeskAuth, DeskSession } from '../plugins/DeskAuth';
import { landingFor, requireGroup, safeNext } from '../plugins/staffAccess';
import { intakeFormPage, loginPage, reportResultPage, type IntakeFormValues } from '../views/intakeViews';
import { SignInThrottle } from '../../../lib/auth/SignInThrottle';
import type { ForegroundGate } from '../../../lib/concurrency/ForegroundGate';
import { STAFF_SIGN_IN_THROTTLE, swedishWait } from '../../../lib/auth/signInPolicy';

export interface IntakeRoutesDeps {
  intake: IntakeService;
  auth: DeskAuth;
  notices: NoticeStore;
  baseUrl: string;
  outbox: boolean;
  /** The local task list's base URL (npm start): the menu links it. */
  localWebUrl?: string;
  logger: Logger;
  /** The sign-in throttle's clock (epoch ms); default the wall clock. */
  clock?: () => number;
  /** Foreground first (issue #12): a report being taken holds back the background work while it is answered. */
  foreground?: Pick<ForegroundGate, 'enter' | 'leave' | 'state'>;
}

function sendHtml(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * The desk's intake (R6, R16, P1) at `/intag` (signed-in desk users) and the JSON API for other systems and IT
 * (`INTAKE_API_TOKEN`): `POST /api/reports`, `GET /api/reports/:id`, `POST /api/disruptions/:id/messages/:name`.
 */
export function registerIntakeRoutes(app: FastifyInstance, deps: IntakeRoutesDeps): void {
  const { intake, auth, notices, baseUrl } = deps;
  // Issue #10: failed sign-ins slow down the account from that address and the address (never lock the owner out).
  const throttle = new SignInThrottle({ ...STAFF_SIGN_IN_THROTTLE, now: deps.clock ?? Date.now });
  const noticePageUrl = `${baseUrl}/driftinfo`;

  const noticeFor = (stored: StoredReport) => {
    if (!stored.disruptionId) return undefined;
    const notice = notices.get(noticeIdFor(stored.disruptionId, 'disruption'));
    return notice && !isFinalState(notice.state) ? notice : undefined;
  };
  const listFor = (drill: boolean) => (drill ? { onlyDrill: true } : {});

  /** What the desk tells the caller (R6, R16, R18), on the page and in the API answer. */
  const scriptFor = (stored: StoredReport) => {
    const deskOnly = stored.disruptionId ? notices.get(noticeIdFor(stored.disruptionId, 'desk-only')) : undefined;
    const disruption = stored.disruptionId ? intake.disruption(stored.disruptionId) : undefined;
    return callerScript({
      scope: disruption?.scope,
      deskOnlyReport: stored.report.deskOnly,
      notice: noticeFor(stored),
      deskOnlyNotice: deskOnly && !isFinalState(deskOnly.state) ? deskOnly : undefined,
      backupRoutine: notices.activeBackupRoutine(listFor(stored.drill)),
      noticePageUrl,
    });
  };

  /** The report is the one its disruption was allocated for (a new disruption). */
  const startsNew = (stored: StoredReport) => Boolean(stored.disruptionId && intake.disruption(stored.disruptionId)?.starterReportId === stored.report.reportId);

  /** A report being taken is foreground work from its first byte until its answer is sent (or the caller hung up). */
  const foreground = deps.foreground;
  const inForeground = {
    onRequest: (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (foreground) {
        foreground.enter();
        let left = false;
        const leave = () => {
          if (left) return;
          left = true;
          foreground.leave();
        };
        reply.raw.once('finish', leave);
        reply.raw.once('close', leave);
      }
      done();
    },
  };

  const requireSession = (request: FastifyRequest, reply: FastifyReply): DeskSession | undefined =>
    requireGroup(auth, request, reply, 'desk', '/intag');

  app.get('/intag/logga-in', async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).nasta);
    const session = auth.session(request);
    if (session) return reply.redirect(landingFor(session, next), 303);
    return sendHtml(reply, loginPage({ notConfigured: !auth.hasUsers, next }), auth.hasUsers ? 200 : 503);
  });

  app.post('/intag/logga-in', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const userId = str(body.userId)?.trim() ?? '';
    const password = str(body.password) ?? '';
    const next = safeNext(body.nasta);
    if (!auth.hasUsers) return sendHtml(reply, loginPage({ notConfigured: true }), 503);
    const waitMs = throttle.lockedFor(request);
    if (waitMs > 0) {
      reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      return sendHtml(reply, loginPage({ userId, next, error: `För många misslyckade inloggningar. Försök igen om ${swedishWait(waitMs)}.` }), 429);
    }
    const user = userId && password ? await auth.login(userId, password) : undefined;
    if (!user) {
      throttle.recordFailure(request);
      deps.logger.info({ outcome: 'refused' }, 'staff login');
      return sendHtml(reply, loginPage({ userId, next, error: 'Fel användarnamn eller lösenord.' }), 401);
    }
    throttle.recordSuccess(request);
    auth.startSession(request, reply, user);
    auth.shareSession(reply, user);
    deps.logger.info({ userId: user.id, outcome: 'ok' }, 'staff login');
    return reply.redirect(landingFor(user, next), 303);
  });

  app.post('/intag/logga-ut', async (request, reply) => {
    const session = auth.session(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (session && auth.checkCsrf(session, body._csrf)) auth.endSession(request, reply);
    return reply.redirect('/intag/logga-in', 303);
  });

  const openNotices = () => [...notices.current(), ...notices.current({ onlyDrill: true })].filter((n) => n.kind === 'disruption' || n.kind === 'desk-only');

  app.get('/intag', async (request, reply) => {
    const session = requireSession(request, reply);
    if (!session) return reply;
    return sendHtml(reply, intakeFormPage({ session, recent: intake.recent(15), openNotices: openNotices(), openDisruptions: intake.openDisruptions(), outbox: deps.outbox, localWebUrl: deps.localWebUrl }));
  });

  app.post('/intag', inForeground, async (request, reply) => {
    const session = requireSession(request, reply);
    if (!session) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!auth.checkCsrf(session, body._csrf)) {
      return sendHtml(reply, intakeFormPage({ session, recent: intake.recent(15), openNotices: openNotices(), openDisruptions: intake.openDisruptions(), outbox: deps.outbox, localWebUrl: deps.localWebUrl, errors: { _: 'Formuläret hade gått ut. Fyll i det igen och skicka.' } }), 403);
    }
    const values: IntakeFormValues = {
      reporterName: str(body.reporterName),
      unit: str(body.unit),
      productArea: str(body.productArea),
      symptom: str(body.symptom),
      reporterPhone: str(body.reporterPhone),
      reporterEmail: str(body.reporterEmail),
      channel: str(body.channel),
      drill: body.drill === 'true' || body.drill === 'on',
    };
    const parsed = intakeInputSchema.safeParse({ ...values, channel: values.channel === 'monitor' ? 'other' : values.channel });
    if (!parsed.success) {
      return sendHtml(reply, intakeFormPage({ session, values, errors: fieldErrors(parsed.error), recent: intake.recent(15), openNotices: openNotices(), openDisruptions: intake.openDisruptions(), outbox: deps.outbox, localWebUrl: deps.localWebUrl }), 400);
    }
    const result = await intake.submitGrouped(parsed.data, session.id);
    return reply.redirect(`/intag/anmalan/${encodeURIComponent(result.stored.report.reportId)}`, 303);
  });

  app.get<{ Params: { reportId: string } }>('/intag/anmalan/:reportId', async (request, reply) => {
    const session = requireSession(request, reply);
    if (!session) return reply;
    const stored = intake.get(request.params.reportId);
    if (!stored) return reply.redirect('/intag', 303);
    return sendHtml(
      reply,
      reportResultPage({ session, stored, startsNew: startsNew(stored), notice: noticeFor(stored), script: scriptFor(stored), outbox: deps.outbox, localWebUrl: deps.localWebUrl }),
    );
  });

  // ── JSON API (bearer token) ──────────────────────────────────────────────────────────────────
  const requireToken = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (auth.checkApiToken(request)) return true;
    void reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="intag"')
      .send({ error: 'unauthorized', message: 'Ange en giltig API-nyckel: Authorization: Bearer <INTAKE_API_TOKEN>.' });
    return false;
  };

  /**
   * Issue #12: the reports committed together (one group) are answered with the same script where they share a
   * disruption, kind and drill – read once for the group, not once per report, and the same for all of them.
   */
  const tellCallerOf = (stored: StoredReport) => {
    const script = scriptFor(stored);
    return { situation: script.situation, noticeUrl: script.noticeUrl, lines: scriptText(script) };
  };
  let groupAnswers: { group: number; tellCaller: Map<string, ReturnType<typeof tellCallerOf>> } = { group: 0, tellCaller: new Map() };
  const tellCaller = (stored: StoredReport, group: number | undefined) => {
    if (group === undefined) return tellCallerOf(stored);
    if (groupAnswers.group !== group) groupAnswers = { group, tellCaller: new Map() };
    const key = `${stored.disruptionId ?? ''}|${stored.report.deskOnly ? 1 : 0}|${stored.drill ? 1 : 0}`;
    let told = groupAnswers.tellCaller.get(key);
    if (!told) groupAnswers.tellCaller.set(key, (told = tellCallerOf(stored)));
    return told;
  };

  const reportJson = (stored: StoredReport, group?: number) => ({
    reportId: stored.report.reportId,
    receivedAt: stored.report.receivedAt,
    status: stored.status === 'delivered' ? 'delivered' : 'queued',
    outcome: stored.outcome ?? null,
    disruptionId: stored.disruptionId ?? null,
    drill: stored.drill,
    // Issue #12: delivery attempts so far, and when the engine took the report.
    attempts: stored.attempts,
    deliveredAt: stored.deliveredAt ?? null,
    tellCaller: tellCaller(stored, group),
  });

  app.post('/api/reports', inForeground, async (request, reply) => {
    if (!requireToken(request, reply)) return reply;
    const parsed = intakeInputSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: 'validation', message: 'Anmälan är ofullständig.', fields: fieldErrors(parsed.error) });
    // Issue #12: stored and assigned at once – 201 without waiting for the engine; `status` says when the engine has it.
    const result = await intake.submitGrouped(parsed.data, 'api');
    return reply.code(201).send(reportJson(result.stored, result.group));
  });

  app.get<{ Params: { reportId: string } }>('/api/reports/:reportId', async (request, reply) => {
    if (!requireToken(request, reply)) return reply;
    const stored = intake.get(request.params.reportId);
    if (!stored) return reply.code(404).send({ error: 'not_found', message: 'Anmälan finns inte.' });
    return reply.send(reportJson(stored));
  });

  // Issue #12: the delivery's state for monitors and the desk's systems: reports waiting for the engine, its health.
  app.get('/api/intake/status', async (request, reply) => {
    if (!requireToken(request, reply)) return reply;
    return reply.header('cache-control', 'no-store').send({ queued: intake.queuedCount(), engine: intake.engineHealth(), ...(foreground ? { foreground: foreground.state() } : {}) });
  });

  app.post<{ Params: { disruptionId: string; name: string } }>('/api/disruptions/:disruptionId/messages/:name', async (request, reply) => {
    if (!requireToken(request, reply)) return reply;
    const { disruptionId, name } = request.params;
    if (!isItMessage(name)) {
      return reply.code(404).send({ error: 'unknown_message', message: `Okänt meddelande. Tillåtna: ${Object.keys(IT_MESSAGE_SCHEMAS).join(', ')}.` });
    }
    const parsed = IT_MESSAGE_SCHEMAS[name].safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: 'validation', message: 'Meddelandet är ofullständigt.', fields: fieldErrors(parsed.error) });
    const idempotencyKey = str(request.headers['idempotency-key']);
    try {
      await intake.publishItMessage(disruptionId, name, parsed.data as Record<string, unknown>, idempotencyKey ? `${name}-${idempotencyKey}` : undefined);
    } catch (err) {
      if (err instanceof IntakeError && err.context.status === 404) {
        return reply.code(404).send({ error: 'unknown_disruption', message: `Driftstörningen ${disruptionId} är okänd eller avslutad.` });
      }
      deps.logger.warn({ err, disruptionId, message: name }, 'IT message not published');
      return reply.code(503).header('retry-after', '30').send({ error: 'engine_unavailable', message: 'Processmotorn svarar inte. Försök igen.' });
    }
    return reply.code(202).send({ published: true, disruptionId, name });
  });
}
