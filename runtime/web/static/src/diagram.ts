// Shows the process diagram with bpmn-js (NavigatedViewer) and marks active, completed and incident elements.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

interface Model {
  xml: string;
  active: string[];
  completed: string[];
  incidents: string[];
  counts: Record<string, { active: number; completed: number; incidents: number }>;
}

async function main(): Promise<void> {
  const modelEl = document.getElementById('diagram-model');
  const container = document.getElementById('diagram');
  if (!modelEl || !container) return;
  const model = JSON.parse(modelEl.textContent || '{}') as Model;
  const viewer = new NavigatedViewer({ container });
  try {
    await viewer.importXML(model.xml);
  } catch (err) {
    container.textContent = 'Flödesschemat kunde inte visas: ' + String((err as Error)?.message ?? err);
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const canvas = viewer.get('canvas') as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const overlays = viewer.get('overlays') as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const registry = viewer.get('elementRegistry') as any;
  // As Operate: the whole diagram on open, with room around it so the bpmn.io logo (bottom right) covers no element.
  const fit = () => {
    canvas.zoom('fit-viewport', 'auto');
    canvas.zoom(canvas.zoom() * 0.85, 'auto');
  };
  fit();
  const mark = (ids: string[], cls: string) => {
    for (const id of ids) if (registry.get(id)) canvas.addMarker(id, cls);
  };
  mark(model.completed, 'lw-completed');
  mark(model.active, 'lw-active');
  mark(model.incidents, 'lw-incident');
  for (const [id, c] of Object.entries(model.counts)) {
    if (!registry.get(id)) continue;
    const badge = (cls: string, n: number, title: string, pos: Record<string, number>) => {
      if (!n) return;
      const el = document.createElement('span');
      el.className = `lw-badge ${cls}`;
      el.textContent = String(n);
      el.title = title;
      overlays.add(id, { position: pos, html: el });
    };
    badge('lw-badge-active', c.active, 'Pågår', { bottom: 8, left: -8 });
    badge('lw-badge-completed', c.completed, 'Genomförda', { bottom: 8, right: 8 });
    badge('lw-badge-incident', c.incidents, 'Incidenter', { top: -8, right: 8 });
  }
  document.querySelectorAll<HTMLButtonElement>('[data-zoom]').forEach((b) =>
    b.addEventListener('click', () => {
      if (b.dataset.zoom === 'fit') fit();
      else canvas.zoom(canvas.zoom() * (b.dataset.zoom === 'in' ? 1.25 : 0.8));
    }),
  );
  container.dataset.ready = 'true';
}

void main();
