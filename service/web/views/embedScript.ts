/**
 * `/driftinfo/embed.js`: drop `<script src=".../driftinfo/embed.js" async></script>` into an intranet start page or a
 * Hemvist (R4). It reads `/driftinfo/status.json` from its own origin and renders the current state with DOM text
 * nodes only (never innerHTML), so nothing from a notice can run as code on the host page.
 */
export const EMBED_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.setAttribute('aria-live', 'polite');
  box.className = 'driftinfo-sesam';
  box.style.borderLeft = '6px solid #0b5394';
  box.style.padding = '0.5rem 0.75rem';
  box.style.fontFamily = 'inherit';
  script.parentNode.insertBefore(box, script);
  function link(text, href) {
    var a = document.createElement('a');
    a.textContent = text;
    a.href = href.indexOf(origin + '/') === 0 ? href : origin + '/driftinfo';
    return a;
  }
  function render(status) {
    box.textContent = '';
    var strong = document.createElement('strong');
    if (!status.current || status.current.length === 0) {
      strong.textContent = 'Sesam: Inga kända störningar. ';
      box.appendChild(strong);
      box.appendChild(link('Driftinformation', origin + '/driftinfo'));
      return;
    }
    box.style.borderLeftColor = '#8a1c00';
    var top = status.current[0];
    strong.textContent = 'Sesam: ' + top.stateLabel + ' – ';
    box.appendChild(strong);
    box.appendChild(link(top.title, top.url));
    if (status.backupRoutine) {
      var p = document.createElement('div');
      p.textContent = 'Reservrutin för akuta OT-remisser gäller.';
      p.style.fontWeight = 'bold';
      box.appendChild(p);
    }
  }
  box.textContent = 'Hämtar driftinformation för Sesam …';
  fetch(origin + '/driftinfo/status.json', { credentials: 'omit' })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(render)
    .catch(function () {
      box.textContent = 'Driftinformation för Sesam kunde inte hämtas. ';
      box.appendChild(link('Öppna driftinformationen', origin + '/driftinfo'));
    });
})();
`;
