// Tells the user when the task list has changed (new, taken or completed tasks) – without reloading under them.
const watch = document.getElementById('list-watch');
if (watch) {
  const view = watch.dataset.view ?? 'all';
  const pollMs = Math.max(200, Number(watch.dataset.pollMs) || 10_000);
  let shown = watch.dataset.fingerprint ?? '';
  let announced = false;
  const check = async (): Promise<void> => {
    try {
      const res = await fetch(`/tasks/fingerprint?view=${encodeURIComponent(view)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const { fingerprint } = (await res.json()) as { fingerprint?: string };
      if (fingerprint && fingerprint !== shown && !announced) {
        announced = true;
        watch.classList.add('flash', 'flash-ok');
        watch.textContent = 'Listan har ändrats. ';
        const link = document.createElement('a');
        link.href = `/tasks?view=${encodeURIComponent(view)}`;
        link.textContent = 'Visa den nya listan';
        watch.appendChild(link);
        shown = fingerprint;
      }
    } catch {
      // offline for a moment: try again at the next tick
    }
  };
  window.setInterval(() => void check(), pollMs);
}
