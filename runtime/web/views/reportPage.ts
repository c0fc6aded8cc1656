import type { LocalUser } from '../auth/UserDirectory';
import type { Disruption } from '../../../lib/timeline/DisruptionLoader';
import type { TimelineEntry } from '../../../lib/timeline/buildTimeline';
import { renderDeviationReport } from '../../../lib/timeline/reportView';
import type { SafeHtml } from '../html/escape';

/** The deviation report (P7, P8) in the local cockpit: the service's renderer with the cockpit's links. */
export function reportPage(m: { disruption: Disruption; timeline: TimelineEntry[]; user: LocalUser; clock: number }): SafeHtml {
  const key = m.disruption.root.instance.processInstanceKey;
  return renderDeviationReport({
    disruption: m.disruption,
    timeline: m.timeline,
    author: { name: m.user.name, id: m.user.id },
    clock: m.clock,
    stylesheetHref: '/assets/report.css',
    printScriptHref: '/assets/report.js',
    back: { href: `/cockpit/instances/${key}`, label: 'Tillbaka till instansen' },
  });
}
