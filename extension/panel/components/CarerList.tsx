import type { ActionKind } from '../../../shared/domain/types';
import type { CarerView } from '../../protocol/view';
import { ASSESSMENT_LABEL, formatDate } from '../format';
import { displayText } from '../../../shared/displayText';

export type OpenCarerForm = (kind: ActionKind, carer: CarerView) => void;

const STATUS_LABEL: Record<CarerView['carerStatus'], string> = { carer: 'Carer', 'not-carer': 'Not a carer', unconfirmed: 'Contact — carer status not asked' };
const CONTACT_ROLE_LABEL: Record<string, string> = { 'next-of-kin': 'Next of kin', 'emergency-contact': 'Emergency contact', 'contact-person': 'Contact person' };

export function CarerList({ carers, onAction, canWrite }: { carers: readonly CarerView[]; onAction: OpenCarerForm; canWrite: (kind: ActionKind) => boolean }) {
  if (carers.length === 0) return <p class="empty">No carers or contacts recorded.</p>;
  return (
    <ul class="carers" aria-label="Carers and contacts">
      {carers.map((carer) => (
        <CarerCard key={carer.id} carer={carer} onAction={onAction} canWrite={canWrite} />
      ))}
    </ul>
  );
}

function CarerCard({ carer, onAction, canWrite }: { carer: CarerView; onAction: OpenCarerForm; canWrite: (kind: ActionKind) => boolean }) {
  const name = carer.name !== undefined ? displayText(carer.name) : 'Name not recorded';
  const relationship = [...carer.relationships, ...carer.contactRoles.map((r) => CONTACT_ROLE_LABEL[r] ?? r)].join(', ');
  const { consent, assessment } = carer;
  const button = (kind: ActionKind, label: string) =>
    canWrite(kind) ? (
      <button type="button" class="button button--secondary button--small" data-action={kind} aria-label={`${label} for ${name}`} onClick={() => onAction(kind, carer)}>
        {label}
      </button>
    ) : null;
  return (
    <li class="carer" data-carer={carer.id} aria-label={name}>
      <div class="carer__head">
        <span class="carer__name">
          <bdi>{name}</bdi>
        </span>
        {carer.youngCarer ? <span class="tag tag--young">Young carer</span> : null}
        <span class={`tag tag--${carer.carerStatus}`}>{STATUS_LABEL[carer.carerStatus]}</span>
      </div>
      {relationship ? <p class="carer__relationship">{relationship}</p> : null}
      {carer.telecom.length > 0 ? (
        <p class="carer__contact">
          {carer.telecom.map((t) => (
            <span key={t.value} class="carer__telecom">
              {t.system === 'email' ? 'Email' : t.system === 'phone' ? 'Phone' : 'Contact'}: {t.value}
            </span>
          ))}
        </p>
      ) : (
        <p class="carer__contact carer__contact--missing">No contact details</p>
      )}
      {carer.carerStatus === 'carer' ? (
        <dl class="carer__facts">
          <dt>Consent</dt>
          <dd data-consent={consent.decision}>
            <DoNotShare consent={consent} />
            <span class="carer__decision">{consent.summary}</span>
            {consent.decision === 'partial' ? (
              <span class="carer__partial">{consent.mayShare.length ? ` May share only: ${consent.mayShare.join('; ')}.` : ' Everything else may be shared.'}</span>
            ) : null}
            {consent.reviewDue && (consent.decision !== 'lacks-capacity' || consent.reviewOverdue) ? (
              <span class={consent.reviewOverdue ? 'overdue' : ''}>{` · ${consent.decision === 'lacks-capacity' ? 'ask again' : 'review'} ${consent.reviewOverdue ? 'overdue since' : 'by'} ${formatDate(consent.reviewDue)}`}</span>
            ) : null}
            {consent.unknownReason ? <span class="carer__unknown">{` ${consent.unknownReason}`}</span> : null}
          </dd>
          <dt>Carer’s assessment</dt>
          <dd data-assessment={assessment.status}>
            {ASSESSMENT_LABEL[assessment.status]}
            {assessment.status === 'offered' && assessment.offeredOn ? `, ${formatDate(assessment.offeredOn)}` : ''}
            {assessment.status === 'completed' && assessment.completedOn ? `, ${formatDate(assessment.completedOn)}` : ''}
            {assessment.status === 'declined' && assessment.declinedReason ? ` (${assessment.declinedReason})` : ''}
          </dd>
        </dl>
      ) : null}
      <div class="carer__actions">
        {carer.carerStatus !== 'carer' ? button('mark-carer', 'Is a carer') : null}
        {carer.carerStatus === 'unconfirmed' ? button('mark-not-carer', 'Not a carer') : null}
        {carer.carerStatus === 'carer' ? button('record-consent', consent.decision === 'none' ? 'Record consent' : 'New consent decision') : null}
        {carer.carerStatus === 'carer' && (assessment.status === 'completed' || assessment.status === 'declined') ? button('record-circumstances-changed', 'Circumstances changed') : null}
        {carer.carerStatus === 'carer' && consent.consent && (consent.decision === 'permit' || consent.decision === 'partial') ? button('withdraw-consent', 'Withdraw consent') : null}
        {carer.carerStatus === 'carer' && assessment.status !== 'offered' && assessment.status !== 'accepted' ? button('offer-assessment', 'Offer assessment') : null}
        {carer.carerStatus === 'carer' && assessment.task && (assessment.status === 'offered' || assessment.status === 'accepted') ? button('record-assessment-outcome', 'Record outcome') : null}
        {carer.carerStatus === 'carer' ? button('record-carer-enquiry', 'Record enquiry') : null}
        {(carer.openEnquiries?.length ?? 0) > 0 ? button('answer-carer-enquiry', 'Record answer to enquiry') : null}
      </div>
    </li>
  );
}

/**
 * What must not be shared, in a warning callout before the decision and its dates: a refused,
 * withdrawn or partial consent is the one thing on the card that can cause harm if missed.
 */
function DoNotShare({ consent }: { consent: CarerView['consent'] }) {
  const items = consent.decision === 'partial' || consent.decision === 'withdrawn' ? consent.mayNotShare : [];
  const nothing = consent.decision === 'deny' || (consent.decision === 'withdrawn' && items.length === 0);
  if (items.length === 0 && !nothing) return null;
  return (
    <div class="callout callout--warning" data-do-not-share="">
      <p class="callout__title">
        <span class="visually-hidden">Important: </span>Do not share
      </p>
      {nothing ? (
        // Says what was decided, never who decided it: a decision made for the patient is not "the patient declined".
        <p>{consent.decision === 'withdrawn' ? 'Consent was withdrawn: share nothing about the patient with this carer.' : 'Sharing was declined: share nothing about the patient with this carer.'}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item}>{displayText(item)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
