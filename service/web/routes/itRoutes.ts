import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { MESSAGES } from '../../../contract';
import { IntakeError } from '../../intake/IntakeError';
import type { IntakeService } from '../../intake/IntakeService';
import { IT_MESSAGE_SCHEMAS, isItMessage, type ItMessageName } from '../../intake/intakeSchemas';
import type { NoticeStore } from '../../notices';
import type { DeskAuth, DeskSession } from '../plugins/DeskAuth';
import { IT_MESSAGE_GROUPS, itPage, type DisruptionWaits, type ItPageModel } from '../views/itViews';
import type { EngineGateway } from '../../../lib/camunda/EngineGateway';
import type { OpenDisruption } from '../../intake/DisruptionRegistry';
import { requireGroup } from '../plugins/staffAccess';
import { fromStockholmLocal } from '../../../lib/time/stockholmTime';

export interface ItRoutesDeps {
  intake: IntakeService;
  auth: DeskAuth;
  notices: NoticeStore;
  outbox: boolean;
  /** The local task list's base URL (npm start): the menu links it. */
  localWebUrl?: string;
  /** The engine (REST API v2 through the SDK): which messages each disruption waits for now. */
  engine?: EngineGateway;
  logger: Logger;
}

/** bpmn/driftstorning-sesam.bpmn: the elements whose state decides which of IT's messages the page offers. */
const ELEMENTS = {
  assess: 'UserTask_AssessScope',
  acknowledge: 'UserTask_AcknowledgeDisruption',
  itInstructions: 'Event_ItInstructionsReceived',
} as const;

/**
 * What each open disruption's process waits for, read from the engine: the acknowledgement while "Kvittera
 * driftstörningen" is open (or before the assessment, when the message waits for it), IT's instructions while a 3a
 * outage waits for them. Undefined when the engine cannot be asked (the page then offers the forms as before).
 */
async function waitsOf(engine: EngineGateway | undefined, disruptions: OpenDisruption[]): Promise<Map<string, DisruptionWaits> | undefined> {
  if (!engine) return undefined;
  try {
    const map = new Map<string, DisruptionWaits>();
    await Promise.all(
      disruptions
        .filter((d) => d.processInstanceKey)
        .map(async (d) => {
          const elements = await engine.elementInstances(d.processInstanceKey);
          const is = (id: string, state: string) => elements.some((e) => e.elementId === id && e.state === state);
          map.set(d.disruptionId, {
            acknowledgement: is(ELEMENTS.acknowledge, 'ACTIVE') || !is(ELEMENTS.assess, 'COMPLETED'),
            itInstructions: is(ELEMENTS.itInstructions, 'ACTIVE'),
          });
        }),
    );
    return map;
  } catch {
    return undefined;
  }
}

const IT_GROUPS = ['system-owner', 'assistive-devices-operation'];

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * `/it` – for the system owner (and VO Hjälpmedel for IT's instructions): the open disruptions, and forms that publish
 * the contract's messages with `correlationKey = disruptionId` (R12, R17, P2, P4). The same messages as the token API,
 * for a person signed in; checked per message and group on the server; CSRF-protected.
 */
export function registerItRoutes(app: FastifyInstance, deps: ItRoutesDeps): void {
  const { intake, auth, notices } = deps;

  const render = async (reply: FastifyReply, session: DeskSession, extra: Partial<ItPageModel> = {}, status = 200) => {
    const disruptions = intake.openDisruptions();
    const waiting = await waitsOf(deps.engine, disruptions);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        itPage({
          session,
          disruptions,
          ...(waiting ? { waiting } : {}),
          past: intake.recentDisruptions(20).filter((d) => d.restoredAt || d.closedAt),
          notices: [...notices.current(), ...notices.current({ onlyDrill: true })],
          outbox: deps.outbox, localWebUrl: deps.localWebUrl,
          ...extra,
        }),
      );
  };

  app.get('/it', async (request, reply) => {
    const session = requireGroup(auth, request, reply, IT_GROUPS, '/it');
    if (!session) return reply;
    const q = request.query as Record<string, unknown>;
    const sentName = str(q.skickat);
    const sentId = str(q.id);
    const sent = sentName && isItMessage(sentName) && sentId ? { name: sentName, disruptionId: sentId } : undefined;
    return render(reply, session, sent ? { sent } : {});
  });

  app.post<{ Params: { disruptionId: string; name: string } }>('/it/:disruptionId/:name', async (request: FastifyRequest<{ Params: { disruptionId: string; name: string } }>, reply) => {
    const session = requireGroup(auth, request, reply, IT_GROUPS, '/it');
    if (!session) return reply;
    const { disruptionId, name } = request.params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!auth.checkCsrf(session, body._csrf)) {
      return render(reply, session, { error: { disruptionId, field: '_', message: 'Formuläret hade gått ut. Försök igen.' } }, 403);
    }
    if (!isItMessage(name)) return render(reply, session, { error: { disruptionId, field: '_', message: 'Okänt meddelande.' } }, 404);
    if (!session.groups.some((g) => IT_MESSAGE_GROUPS[name as ItMessageName].includes(g))) {
      return render(reply, session, { error: { disruptionId, field: '_', message: 'Din roll får inte skicka det meddelandet.' } }, 403);
    }
    const input: Record<string, unknown> =
      name === MESSAGES.systemOwnerAcknowledged
        ? { acknowledgedBy: session.name }
        : name === MESSAGES.prognosisReceived
          ? { prognosis: { expectedAt: fromStockholmLocal(str(body.expectedAt) ?? '') ?? str(body.expectedAt) ?? '', text: str(body.prognosisText) ?? '' } }
          : name === MESSAGES.itInstructionsReceived
            ? { itInstructions: str(body.itInstructions) ?? '' }
            : {};
    // "Sesam är åter i drift" ends everything of the disruption: only with the box ticked (checked here, not only in the browser)
    if (name === MESSAGES.systemRestored && body.confirm !== 'yes') {
      return render(reply, session, { error: { disruptionId, field: 'confirm', message: 'Kryssa i att Sesam fungerar igen innan du skickar.' } }, 400);
    }
    const parsed = IT_MESSAGE_SCHEMAS[name].safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.includes('text') ? 'prognosisText' : issue.path.includes('expectedAt') || issue.path[0] === 'prognosis' ? 'expectedAt' : String(issue.path[0] ?? '_');
      const swedish =
        field === 'expectedAt'
          ? 'Ange datum och klockslag (svensk tid) då Sesam beräknas fungera igen.'
          : field === 'prognosisText'
            ? 'Kommentaren får vara högst 500 tecken.'
            : field === 'itInstructions'
              ? 'Skriv instruktionerna (högst 2000 tecken).'
              : issue.message;
      const values = { expectedAt: str(body.expectedAt) ?? '', prognosisText: str(body.prognosisText) ?? '', itInstructions: str(body.itInstructions) ?? '' };
      return render(reply, session, { error: { disruptionId, field, message: swedish, values } }, 400);
    }
    try {
      await intake.publishItMessage(disruptionId, name, parsed.data as Record<string, unknown>);
    } catch (err) {
      if (err instanceof IntakeError && err.context.status === 404) {
        return render(reply, session, { error: { disruptionId, field: '_', message: `Driftstörningen ${disruptionId} är okänd eller avslutad.` } }, 404);
      }
      deps.logger.warn({ err, disruptionId, message: name }, 'IT message not published');
      return render(reply, session, { error: { disruptionId, field: '_', message: 'Processmotorn svarar inte just nu. Försök igen om en stund.' } }, 503);
    }
    deps.logger.info({ disruptionId, message: name, userId: session.id }, 'IT message sent from /it');
    return reply.redirect(`/it?skickat=${encodeURIComponent(name)}&id=${encodeURIComponent(disruptionId)}`, 303);
  });
}
