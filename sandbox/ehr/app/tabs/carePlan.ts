/** Care plan: needs, goals and who does what, plus the crisis and contingency plan. */
import { card, h } from '../dom';
import { formatDate } from '../format';
import { clinicalPicture, daysFrom } from '../synthetic';
import type { TabRenderer } from './context';

export const renderCarePlan: TabRenderer = ({ patient, today }) => {
  const picture = clinicalPicture(patient.id, patient.team);
  const header = h('tr', {}, ...['Need', 'Goal', 'Intervention', 'Responsible'].map((label) => h('th', { attrs: { scope: 'col' } }, label)));
  const rows = picture.goals.map((goal) => h('tr', {}, h('td', {}, goal.need), h('td', {}, goal.goal), h('td', {}, goal.intervention), h('td', {}, goal.by.name)));
  return h(
    'div',
    { className: 'grid' },
    h(
      'div',
      { className: 'grid__wide' },
      card(
        `${picture.cpa === 'Care Programme Approach' ? 'CPA care plan' : 'Care plan'}`,
        h('p', { className: 'muted' }, `Agreed with the patient. Next review ${formatDate(daysFrom(today, picture.reviewInDays))}.`),
        h('table', { className: 'table' }, h('thead', {}, header), h('tbody', {}, ...rows)),
      ),
    ),
    card('Early warning signs', h('ul', { className: 'plain-list bullets' }, ...picture.relapseSigns.map((sign) => h('li', {}, sign)))),
    card(
      'Crisis and contingency plan',
      h('p', {}, `In office hours contact ${picture.careCoordinator.name} via the team duty line.`),
      h('p', {}, 'Out of hours: the 24/7 mental health crisis line, or NHS 111 (option 2). In an emergency call 999.'),
    ),
  );
};
