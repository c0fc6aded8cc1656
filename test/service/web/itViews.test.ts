/** `/it` offers each of IT's messages only while the disruption's process can take it; the status line is the latest notice. */
import { itPage, type ItPageModel } from '../../../service/web/views/itViews';
import type { Notice } from '../../../service/notices';

const owner = { name: 'Sara Svensson', csrf: 'csrf-token', groups: ['system-owner'] };
const disruption = { disruptionId: 'SESAM-20261125-1', processInstanceKey: '2251799813685249', drill: false, reportedAt: '2026-11-25T08:00:00.000Z', reportCount: 2 };

function notice(kind: Notice['kind'], title: string, updatedAt: string, updateNumber = 1): Notice {
  return { id: `${disruption.disruptionId}-${kind}`, disruptionId: disruption.disruptionId, kind, state: kind === 'backup-routine' ? 'in-effect' : 'investigating', title, body: '', links: [], approvedBy: 'systemansvarig', drill: false, publishedAt: updatedAt, updatedAt, updateNumber, url: '', updates: [] } as unknown as Notice;
}

function render(extra: Partial<ItPageModel>): string {
  return itPage({ session: owner, disruptions: [disruption], past: [], notices: [], outbox: false, ...extra });
}

test('P4: "Kvittera anmälan" only while the acknowledgement can be given; R12: the instructions form only while a 3a outage waits for it', () => {
  const waiting = (acknowledgement: boolean, itInstructions: boolean) => new Map([[disruption.disruptionId, { acknowledgement, itInstructions }]]);
  const acknowledged = render({ waiting: waiting(false, false) });
  expect(acknowledged).not.toContain('Kvittera anmälan');
  expect(acknowledged).not.toContain('Skicka instruktionerna');
  expect(acknowledged).toContain('Sesam är åter i drift');
  const open = render({ waiting: waiting(true, true) });
  expect(open).toContain('Kvittera anmälan');
  expect(open).toContain('Skicka instruktionerna');
  // without the engine's answer: instructions only for a disruption the intake knows as 3a
  expect(render({})).not.toContain('Skicka instruktionerna');
  expect(itPage({ session: owner, disruptions: [{ ...disruption, scope: 'full-it-outage' }], past: [], notices: [], outbox: false })).toContain('Skicka instruktionerna');
});

test('P2: "Sesam är åter i drift" needs a ticked confirmation (required in the form, checked on the server too)', () => {
  const page = render({});
  expect(page).toMatch(/<input type="checkbox" id="bekrafta-SESAM-20261125-1" name="confirm" value="yes" required>/);
  expect(page).toContain('Jag bekräftar att Sesam fungerar igen för SESAM-20261125-1');
});

test('the status line shows the latest notice of the disruption, the backup routine\'s too', () => {
  const page = render({
    notices: [notice('disruption', 'Sesam går inte att nå', '2026-11-25T08:30:00.000Z', 2), notice('backup-routine', 'Reservrutin för akuta OT-remisser gäller', '2026-11-25T12:05:00.000Z')],
  });
  expect(page).toContain('Reservrutin för akuta OT-remisser gäller');
  expect(page).not.toContain('Sesam går inte att nå');
});
