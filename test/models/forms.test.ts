import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RELATED_DOCUMENTS } from '../../contract';
import { lintForm } from '../../lint/forms';
import { CHROMIUM_OPTIONS } from '../../scripts/render-diagrams';

const ROOT = path.join(__dirname, '../..');
const FORM_FILES = readdirSync(path.join(ROOT, 'forms')).filter((f) => f.endsWith('.form')).sort();
const readForm = (f: string) => readFileSync(path.join(ROOT, 'forms', f), 'utf8');

describe('Camunda Forms (forms/*.form)', () => {
  it.each(FORM_FILES)('%s validates: form schema, Camunda form linter, FEEL (R22)', async (file) => {
    // given a form file
    // when it is validated like scripts/lint-models.ts does
    const problems = await lintForm(`forms/${file}`, readForm(file), file.replace(/\.form$/, ''));
    // then there is no problem
    expect(problems).toEqual([]);
  });

  it.each(FORM_FILES)('%s links every related document (R22) and speaks Swedish', (file) => {
    // given a form's html components
    const form = JSON.parse(readForm(file)) as { components: { type: string; content?: string; label?: string; text?: string }[] };
    const html = form.components.filter((c) => c.type === 'html').map((c) => c.content ?? '').join('\n');
    // then each related document is linked by title and URL, and the words are Swedish
    for (const doc of RELATED_DOCUMENTS) {
      expect(html).toContain(`href="${doc.url}"`);
      expect(html).toContain(`>${doc.title}</a>`);
    }
    expect(form.components.map((c) => c.label ?? c.text ?? '').join(' ')).toMatch(/[åäö]/);
  });

  it('the invalid fixture fails on each of its problems', async () => {
    // given a broken form
    const text = readFileSync(path.join(ROOT, 'lint/fixtures/forms/invalid.form'), 'utf8');
    // when validated
    const problems = await lintForm('invalid.form', text, 'invalid');
    const messages = problems.map((p) => `${p.rule}|${p.element}|${p.message}`);
    // then each broken thing is reported
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^form-schema\|schemaVersion\|/),
        expect.stringMatching(/^form-id\|.*must equal the file name <invalid>/),
        expect.stringMatching(/^form-schema\|components\.0\|textfield needs a key/),
        expect.stringMatching(/^form-unique\|Field_Two\|duplicate key <summary>/),
        expect.stringMatching(/^form-schema\|components\.3\.type\|/),
        expect.stringMatching(/^feel-lint\|Text_BrokenFeel\|/),
        expect.stringMatching(/^form-schema\|components\.5\.key\|key must be a variable name/),
        expect.stringMatching(/^form-schema\|components\.5\.validate\|minLength > maxLength/),
      ]),
    );
  });

  describe('rendered by the real form-js viewer in chromium', () => {
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      const bundle = await build({
        stdin: { contents: "export { Form } from '@bpmn-io/form-js-viewer';", resolveDir: ROOT, loader: 'js' },
        bundle: true,
        format: 'iife',
        globalName: 'FormJs',
        write: false,
        platform: 'browser',
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'silent',
      });
      browser = await chromium.launch(CHROMIUM_OPTIONS);
      page = await browser.newPage();
      const css = readFileSync(path.join(ROOT, 'node_modules/@bpmn-io/form-js-viewer/dist/assets/form-js.css'), 'utf8');
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><div id="form"></div></body></html>`);
      await page.addScriptTag({ content: bundle.outputFiles[0].text });
    }, 60000);

    afterAll(async () => {
      await browser?.close();
    });

    /** Import a schema with data into a fresh form-js Form; return import warnings, the validation errors and what is shown. */
    async function render(schema: unknown, data: Record<string, unknown>) {
      return page.evaluate(
        async ({ schema, data }) => {
          const w = window as unknown as { FormJs: { Form: new (o: object) => unknown }; current?: { destroy(): void } };
          w.current?.destroy();
          const container = document.getElementById('form')!;
          container.innerHTML = '';
          const form = new w.FormJs.Form({ container }) as {
            importSchema(s: unknown, d: unknown): Promise<{ warnings: unknown[] }>;
            validate(): Record<string, string[]>;
            destroy(): void;
          };
          w.current = form;
          const { warnings } = await form.importSchema(schema, data);
          const errors = form.validate();
          const inputs = [...container.querySelectorAll('input, textarea')].map((i) => ({
            name: (i as HTMLInputElement).id,
            value: (i as HTMLInputElement).type === 'checkbox' || (i as HTMLInputElement).type === 'radio' ? String((i as HTMLInputElement).checked) : (i as HTMLInputElement).value,
          }));
          const links = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '').filter((h) => h.startsWith('https://vardgivare.skane.se/'));
          return { warnings: warnings.length, errorFields: Object.keys(errors).length, inputs, links, text: container.innerText };
        },
        { schema, data },
      );
    }

    it.each(FORM_FILES)('%s imports without warnings, shows the links (R22) and requires its required fields', async (file) => {
      // given the form and the variables of a running disruption, without the fields to fill in
      const schema = JSON.parse(readForm(file));
      // when rendered
      const shown = await render(schema, { disruptionId: 'D-2026-0042', reportedAt: '2026-11-25T08:00:00Z', drill: false });
      // then it imports cleanly, shows the disruption and the related documents, and refuses to submit empty required fields
      expect(shown.warnings).toBe(0);
      expect(shown.text).toContain('D-2026-0042');
      expect(shown.links.length).toBe(RELATED_DOCUMENTS.length);
      expect(shown.errorFields).toBeGreaterThan(0);
    });

    it('approve-notice is prefilled from the notice request and the signed-in user (R3, R11)', async () => {
      // given the variables the call activity passes to the publish process
      const schema = JSON.parse(readForm('approve-notice.form'));
      const data = {
        disruptionId: 'D-2026-0042',
        reportedAt: '2026-11-25T08:00:00Z',
        noticeKind: 'disruption',
        noticeState: 'investigating',
        noticeTitle: 'Driftstörning i Sesam och Visma webSesam',
        noticeBody: 'Sesam går inte att nå. Region Skånes IT felsöker.',
        approvedBy: 'sysans01',
        approved: true,
      };
      // when rendered
      const shown = await render(schema, data);
      // then the fields show the request and nothing is missing
      expect(shown.inputs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ value: 'Driftstörning i Sesam och Visma webSesam' }),
          expect.objectContaining({ value: 'Sesam går inte att nå. Region Skånes IT felsöker.' }),
          expect.objectContaining({ value: 'sysans01' }),
        ]),
      );
      expect(shown.errorFields).toBe(0);
    });

    it('the drill banner shows only in a drill (P9)', async () => {
      // given the review form
      const schema = JSON.parse(readForm('review-disruption.form'));
      // when rendered for a drill and for a real disruption
      const drill = await render(schema, { disruptionId: 'D-1', drill: true });
      const real = await render(schema, { disruptionId: 'D-1', drill: false });
      // then only the drill shows "Övning"
      expect(drill.text).toContain('Övning');
      expect(real.text).not.toContain('Övning');
    });

    it('reconcile-paper-referrals shows how many referrals remain (R19, P2)', async () => {
      const schema = JSON.parse(readForm('reconcile-paper-referrals.form'));
      const shown = await render(schema, { disruptionId: 'D-1', paperReferralsReceived: 7, paperReferralsEntered: 3 });
      expect(shown.text).toContain('Kvar att mata in: 4');
      expect(shown.errorFields).toBe(0);
    });

    it('reconcile-paper-referrals refuses more entered than received (cross-field limit in FEEL, R19)', async () => {
      const schema = JSON.parse(readForm('reconcile-paper-referrals.form'));
      const tooMany = await render(schema, { disruptionId: 'D-1', paperReferralsReceived: 3, paperReferralsEntered: 5 });
      const all = await render(schema, { disruptionId: 'D-1', paperReferralsReceived: 3, paperReferralsEntered: 3 });
      expect(tooMany.errorFields).toBe(1);
      expect(all.errorFields).toBe(0);
    });
  });
});
