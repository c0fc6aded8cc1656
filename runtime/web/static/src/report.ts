// Print button of the deviation report.
document.getElementById('print-report')?.addEventListener('click', () => window.print());
