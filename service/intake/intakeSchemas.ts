import { z } from 'zod';
import { MESSAGES, PRODUCT_AREAS } from '../../contract';

/** Empty form fields count as "not given". */
const optionalText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().max(max, message).optional());

/** Swedish labels of the product areas (R1). */
export const PRODUCT_AREA_LABELS: Record<(typeof PRODUCT_AREAS)[number], string> = {
  syn: 'Syn',
  horsel: 'Hörsel',
  rorelse: 'Rörelsehjälpmedel',
  andning: 'Andningshjälpmedel',
  tens: 'TENS',
  ortopedteknik: 'Ortopedtekniska hjälpmedel (OT)',
};

export const CHANNEL_LABELS = { phone: 'Telefon', 'e-mail': 'E-post', monitor: 'Övervakning', other: 'Annat' } as const;

/**
 * A report as the desk logs it (R6, P1) or as IT's monitoring posts it. Swedish messages: they are shown to the desk.
 * A prescriber must be reachable (phone or e-mail) so they can be told when Sesam is back (P2).
 */
export const intakeInputSchema = z
  .object({
    reporterName: optionalText(200, 'Namnet får vara högst 200 tecken.'),
    unit: optionalText(200, 'Enheten får vara högst 200 tecken.'),
    productArea: z.preprocess((v) => (v === '' ? undefined : v), z.enum(PRODUCT_AREAS, { error: 'Välj ett produktområde i listan.' }).optional()),
    symptom: optionalText(2000, 'Beskrivningen får vara högst 2000 tecken.'),
    reporterPhone: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
      z
        .string()
        .max(50, 'Telefonnumret får vara högst 50 tecken.')
        .regex(/^\+?[0-9][0-9 ()-]{3,}$/, 'Ange telefonnumret med siffror, till exempel 040-123 45 67.')
        .optional(),
    ),
    reporterEmail: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
      z.email({ error: 'Ange en giltig e-postadress, till exempel namn@skane.se.' }).max(254).optional(),
    ),
    channel: z.preprocess((v) => (v === '' || v === undefined ? 'phone' : v), z.enum(['phone', 'e-mail', 'monitor', 'other'], { error: 'Välj hur anmälan kom in.' })),
    /** T4: only Hjälpmedel Administration has lost contact with Sesam (the caller, or the monitor, can reach it). */
    deskOnly: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()),
    drill: z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean()),
  })
  .superRefine((r, ctx) => {
    if (r.channel === 'monitor' || r.deskOnly) return;
    if (!r.reporterName) ctx.addIssue({ code: 'custom', path: ['reporterName'], message: 'Skriv förskrivarens namn.' });
    if (!r.reporterPhone && !r.reporterEmail) {
      ctx.addIssue({ code: 'custom', path: ['reporterPhone'], message: 'Ange telefonnummer eller e-postadress, så att förskrivaren kan nås när Sesam fungerar igen.' });
    }
  });
export type IntakeInput = z.output<typeof intakeInputSchema>;

const isoDateTime = z.iso.datetime({ offset: true, error: 'Ange tiden som ISO 8601, till exempel 2026-11-25T14:00:00+01:00.' });

/**
 * Messages IT may report through the API (R12, R17, P2, P4), with the variables each carries into the process –
 * exactly the names of the contract's `MESSAGE_VARIABLES`.
 */
export const IT_MESSAGE_SCHEMAS = {
  [MESSAGES.systemOwnerAcknowledged]: z.object({ acknowledgedBy: z.string().trim().min(1, 'acknowledgedBy saknas.').max(200).optional() }).strict(),
  /** T2: a prognosis is an expected restoration time (ISO 8601 with offset), with optional text. */
  [MESSAGES.prognosisReceived]: z
    .object({
      prognosis: z
        .object({
          expectedAt: isoDateTime,
          text: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().max(500, 'Texten till prognosen får vara högst 500 tecken.').optional()),
        }, { error: 'Ange prognosen som { expectedAt, text }: den beräknade tiden då Sesam fungerar igen (ISO 8601), och valfri text.' })
        .strict(),
    })
    .strict(),
  [MESSAGES.systemRestored]: z.object({ restoredAt: isoDateTime.optional() }).strict(),
  [MESSAGES.itInstructionsReceived]: z.object({ itInstructions: z.string().trim().min(1, 'itInstructions saknas.').max(2000) }).strict(),
} as const;
export type ItMessageName = keyof typeof IT_MESSAGE_SCHEMAS;

export function isItMessage(name: string): name is ItMessageName {
  return Object.prototype.hasOwnProperty.call(IT_MESSAGE_SCHEMAS, name);
}

/** zod issues → { field: first Swedish message }. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_';
    if (!out[key]) out[key] = issue.message;
  }
  return out;
}
