/** Assessment: the core mental-health assessment, with the risk summary clinicians look for first. */
import { card, facts, h } from '../dom';
import { formatDate } from '../format';
import { clinicalPicture, daysFrom } from '../synthetic';
import type { TabRenderer } from './context';

function riskLevel(level: string): HTMLElement {
  return h('span', { className: `risk risk--${level.toLowerCase()}` }, level);
}

export const renderAssessment: TabRenderer = ({ patient, today }) => {
  const picture = clinicalPicture(patient.id, patient.team);
  const completed = formatDate(daysFrom(today, -(picture.contacts[picture.contacts.length - 1]?.daysAgo ?? 60)));
  return h(
    'div',
    { className: 'grid' },
    card(
      'Core assessment',
      h('p', { className: 'muted' }, `Completed ${completed} by ${picture.careCoordinator.name}`),
      h('h3', { className: 'subhead' }, 'Presenting problem'),
      h('p', {}, picture.presenting),
      h('h3', { className: 'subhead' }, 'Social circumstances'),
      h('p', {}, picture.living),
      h('h3', { className: 'subhead' }, 'Mental state at last contact'),
      h(
        'p',
        {},
        'Appropriately dressed, good eye contact. Speech normal in rate and volume. Mood described as “up and down”; ' +
          'affect reactive. No evidence of psychotic phenomena at interview. Denies current thoughts of self-harm. Insight partial.',
      ),
    ),
    card(
      'Risk summary',
      facts([
        ['Risk to self', riskLevel(picture.risk.self)],
        ['Risk to others', riskLevel(picture.risk.others)],
        ['Risk from others', riskLevel(picture.risk.fromOthers)],
        ['Self-neglect', riskLevel(picture.risk.selfNeglect)],
      ]),
      h('p', { className: 'muted' }, `Reviewed ${completed}. Review at each CPA review or on significant change.`),
    ),
  );
};
