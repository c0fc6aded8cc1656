// Renders the task's Camunda Form with form-js, validates and completes the task (POST JSON with CSRF header).
import { Form } from '@bpmn-io/form-js-viewer';
import { translate } from './form-translations';

interface Model {
  userTaskKey: string;
  schema: unknown;
  data: Record<string, unknown>;
  readOnly: boolean;
}

function csrfToken(): string {
  return (document.querySelector('meta[name="csrf-token"]') as HTMLMetaElement | null)?.content ?? '';
}

async function main(): Promise<void> {
  const modelEl = document.getElementById('task-form-model');
  const container = document.getElementById('task-form');
  if (!modelEl || !container) return;
  const model = JSON.parse(modelEl.textContent || '{}') as Model;
  const errorsBox = document.getElementById('form-errors') as HTMLElement;
  const status = document.getElementById('submit-status');
  const button = document.getElementById('complete-task') as HTMLButtonElement | null;

  const form = new Form({
    container,
    properties: { readOnly: model.readOnly },
    // Every keystroke goes straight into the form's state: with form-js' 300 ms debounce, a change typed just
    // before clicking a checkbox or "Slutför" could overwrite that click or miss the submit.
    debounce: false,
    additionalModules: [{ translate: ['value', translate] }],
  } as never);
  try {
    await form.importSchema(model.schema as never, model.data);
  } catch (err) {
    errorsBox.hidden = false;
    errorsBox.textContent = 'Formuläret kunde inte visas: ' + String((err as Error)?.message ?? err);
    return;
  }
  if (!button) return;
  button.disabled = false;

  let busy = false;
  button.addEventListener('click', async () => {
    if (busy) return;
    errorsBox.hidden = true;
    errorsBox.textContent = '';
    const { data, errors } = form.submit();
    const invalid = Object.keys(errors || {});
    if (invalid.length) {
      errorsBox.hidden = false;
      errorsBox.textContent = `Formuläret har ${invalid.length} fel. Rätta de markerade fälten och försök igen.`;
      const first = container.querySelector<HTMLElement>('.fjs-has-errors input, .fjs-has-errors textarea, .fjs-has-errors select, [aria-invalid="true"]');
      (first ?? errorsBox).focus();
      return;
    }
    busy = true;
    button.disabled = true;
    if (status) status.textContent = 'Skickar…';
    try {
      const res = await fetch(`/tasks/${encodeURIComponent(model.userTaskKey)}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken(), accept: 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify({ variables: data }),
      });
      const body = (await res.json().catch(() => ({}))) as { redirect?: string; message?: string };
      if (res.ok && body.redirect) {
        window.location.assign(body.redirect);
        return;
      }
      errorsBox.hidden = false;
      errorsBox.textContent = body.message || `Uppgiften kunde inte slutföras (${res.status}). Dina uppgifter finns kvar i formuläret.`;
      errorsBox.focus();
    } catch {
      errorsBox.hidden = false;
      errorsBox.textContent = 'Ingen kontakt med servern. Dina uppgifter finns kvar i formuläret; försök igen.';
      errorsBox.focus();
    } finally {
      busy = false;
      button.disabled = false;
      if (status) status.textContent = '';
    }
  });
}

void main();
