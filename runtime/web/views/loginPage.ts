import { html, type SafeHtml } from '../html/escape';
import { page } from './layout';

export function loginPage(opts: { csrfToken: string; error?: string; userId?: string; next?: string }): SafeHtml {
  return page(
    {},
    {
      title: 'Logga in',
      body: html`<section class="card login-card" aria-labelledby="login-title">
  <h1 id="login-title">Logga in</h1>
  <p>Logga in med din lokala användare för att se uppgifterna i din grupp och översikten över störningar.</p>
  ${opts.error ? html`<div class="flash flash-error" role="alert" id="login-error">${opts.error}</div>` : ''}
  <form method="post" action="/login" class="stack" novalidate>
    <input type="hidden" name="_csrf" value="${opts.csrfToken}">
    <input type="hidden" name="next" value="${opts.next ?? ''}">
    <div class="field">
      <label for="userId">Användarnamn</label>
      <input id="userId" name="userId" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${opts.userId ?? ''}"${opts.userId ? '' : html` autofocus`}${opts.error ? html` aria-describedby="login-error"` : ''}>
    </div>
    <div class="field">
      <label for="password">Lösenord</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required${opts.userId ? html` autofocus` : ''}>
    </div>
    <button type="submit" class="button button-primary">Logga in</button>
  </form>
  <p class="hint">Demoanvändare och lösenord finns i <code>docs/local-web.md</code>.</p>
</section>`,
    },
  );
}
