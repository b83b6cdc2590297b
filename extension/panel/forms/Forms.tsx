import { FAMILY_RELATIONSHIPS } from '../../../shared/terminology';
import type { Action } from '../../protocol/messages';
import type { CarerView, ReadyView } from '../../protocol/view';
import type { PanelConnection } from '../connection';
import { useDraft } from '../drafts';
import { CONSENT_LABEL, formatDate } from '../format';
import type { PanelStore } from '../store';
import { RadioGroup, SelectField, TextArea, TextField, lines } from './fields';
import { FormShell } from './FormShell';
import { useWrite } from './useWrite';
import { useEffect, useState } from 'preact/hooks';
import { displayText } from '../../../shared/displayText';

/** What every form gets: the patient it is bound to, the store and the line to the background. */
export interface FormContext {
  patient: `Patient/${string}`;
  store: PanelStore;
  connection: PanelConnection;
  /** Called with 'saved' once the write is saved and the record re-read. */
  onClose: (outcome?: 'saved') => void;
}

const carerName = (carer: CarerView): string => (carer.name !== undefined ? displayText(carer.name) : 'this person');

/** Shared submit handling: saved → the draft is cleared and the form closes. */
export function useFormWrite(ctx: FormContext, formId: string, initial: Record<string, string>) {
  const draft = useDraft(ctx.patient, formId, initial);
  const write = useWrite(ctx.store, ctx.connection, ctx.patient);
  const [problem, setProblem] = useState<string>();
  const saved = write.result?.outcome === 'saved';
  useEffect(() => {
    if (!saved) return;
    void draft.clear();
    ctx.onClose('saved');
  }, [saved]);
  const send = (build: () => Action | string): void => {
    const action = build();
    if (typeof action === 'string') {
      setProblem(action);
      return;
    }
    setProblem(undefined);
    write.reset();
    write.submit(action);
  };
  const cancel = (): void => {
    void draft.clear();
    ctx.onClose();
  };
  /**
   * A form's submit from one builder: `check` runs it on the first submit (its problem goes to the
   * error summary, and no confirmation is asked), `onSubmit` sends what it builds once confirmed.
   */
  const submitting = (build: () => Action | string): { check: () => string | undefined; onSubmit: () => void } => ({
    check: () => {
      const built = build();
      return typeof built === 'string' ? built : undefined;
    },
    onSubmit: () => send(build),
  });
  return { draft, write, problem, send, submitting, cancel };
}

const RELATIONSHIP_OPTIONS: [string, string][] = [['', 'Choose…'], ...Object.entries(FAMILY_RELATIONSHIPS).map(([code, label]): [string, string] => [code, label])];

export function AddCarerForm(ctx: FormContext) {
  const { draft, write, problem, submitting, cancel } = useFormWrite(ctx, 'add-carer', { name: '', relationship: '', phone: '', email: '', birthDate: '' });
  const v = draft.values;
  return (
    <FormShell
      title="Add a carer"
      hint="Someone who gives unpaid support to the patient."
      submitLabel="Add carer"
      write={write}
      problem={problem}
      draftLines={[`Name: ${v.name ?? ''}`, `Relationship: ${FAMILY_RELATIONSHIPS[v.relationship ?? ''] ?? 'not given'}`]}
      onCancel={cancel}
      {...submitting(() => {
          const name = (v.name ?? '').trim();
          if (!name) return 'Enter the carer’s name.';
          if (v.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate)) return 'Enter the date of birth as a date.';
          return {
            kind: 'add-carer',
            name,
            ...(v.relationship ? { relationship: v.relationship } : {}),
            ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
            ...(v.email?.trim() ? { email: v.email.trim() } : {}),
            ...(v.birthDate ? { birthDate: v.birthDate } : {}),
          };
        })}
    >
      <TextField label="Name" name="name" value={v.name ?? ''} required onInput={(x) => draft.set('name', x)} />
      <SelectField label="Relationship to the patient" name="relationship" value={v.relationship ?? ''} onChange={(x) => draft.set('relationship', x)} options={RELATIONSHIP_OPTIONS} />
      <TextField label="Phone" name="phone" type="tel" value={v.phone ?? ''} onInput={(x) => draft.set('phone', x)} />
      <TextField label="Email" name="email" type="email" value={v.email ?? ''} onInput={(x) => draft.set('email', x)} />
      <TextField label="Date of birth" name="birthDate" type="date" hint="Record it if the carer may be under 18 (young carer)." value={v.birthDate ?? ''} onInput={(x) => draft.set('birthDate', x)} />
    </FormShell>
  );
}

export function NoCarersForm(ctx: FormContext) {
  const { write, problem, submitting, cancel } = useFormWrite(ctx, 'record-no-carers', {});
  return (
    <FormShell
      title="Asked: no carers"
      hint="Records that the patient was asked today and named no carers. Anyone can see this answer later."
      submitLabel="Record the answer"
      write={write}
      problem={problem}
      draftLines={['Asked today: no carers']}
      onCancel={cancel}
      {...submitting(() => ({ kind: 'record-no-carers' }))}
    />
  );
}

export function MarkCarerForm(ctx: FormContext & { carer: CarerView; isCarer: boolean }) {
  const { carer, isCarer } = ctx;
  const { write, problem, send, submitting, cancel } = useFormWrite(ctx, `${isCarer ? 'mark-carer' : 'mark-not-carer'}:${carer.id}`, {});
  const draftLines = [`${carerName(carer)}: ${isCarer ? 'is a carer' : 'is not a carer'}`];
  const action = (versionId?: string): Action => ({ kind: isCarer ? 'mark-carer' : 'mark-not-carer', carer: carer.reference, ...(versionId ? { versionId } : {}) });
  return (
    <FormShell
      title={isCarer ? `Record ${carerName(carer)} as a carer` : `Record ${carerName(carer)} as not a carer`}
      hint={isCarer ? 'They give the patient unpaid support.' : 'Asked today: they do not give the patient unpaid support.'}
      submitLabel={isCarer ? 'Yes, a carer' : 'Not a carer'}
      write={write}
      problem={problem}
      draftLines={draftLines}
      onCancel={cancel}
      {...submitting(() => action(carer.versionId))}
      onOverwrite={(conflict) => send(() => action(conflict.versionId))}
    />
  );
}

/**
 * The answer about a Patient.contact (next of kin…): recorded as a RelatedPerson for them, a carer
 * or not. The same answer sent again finds the RelatedPerson already made (a conditional create
 * keyed on the contact), so a resend never adds a second person.
 */
export function MarkContactForm(ctx: FormContext & { contact: { key: string; label: string }; isCarer: boolean }) {
  const { contact, isCarer } = ctx;
  const { write, problem, submitting, cancel } = useFormWrite(ctx, `answer-contact:${contact.key}`, {});
  return (
    <FormShell
      title={isCarer ? `Record ${contact.label} as a carer` : `Record ${contact.label} as not a carer`}
      hint={
        isCarer
          ? 'They give the patient unpaid support. They are added to the patient’s carers, with their details from the contact.'
          : 'Asked today: they do not give the patient unpaid support. The answer is kept so this stops asking.'
      }
      submitLabel={isCarer ? 'Yes, a carer' : 'Not a carer'}
      write={write}
      problem={problem}
      draftLines={[`${contact.label}: ${isCarer ? 'is a carer' : 'is not a carer'}`]}
      onCancel={cancel}
      {...submitting(() => ({ kind: 'answer-contact', contact: contact.key, isCarer }))}
    />
  );
}

type Decider = 'patient' | 'lpa' | 'deputy' | 'parental-responsibility' | 'best-interests';

/** Who decided, in the form's words; under 16 the test is Gillick competence, not the Mental Capacity Act. */
const DECIDER_OPTIONS = (under16: boolean): [Decider, string][] =>
  under16
    ? [
        ['patient', 'The patient (judged Gillick competent to decide)'],
        ['parental-responsibility', 'A person with parental responsibility (the patient is not Gillick competent)'],
      ]
    : [
        ['patient', 'The patient'],
        ['lpa', 'An attorney under a lasting power of attorney for health and welfare'],
        ['deputy', 'A court-appointed deputy'],
        ['best-interests', 'A best-interests decision (Mental Capacity Act 2005 s.4)'],
      ];

/** `settles`: the patient's Consent naming nobody that this decision is recorded for ("which carer is this decision for?"). */
export function ConsentForm(ctx: FormContext & { carer: CarerView; carers: readonly CarerView[]; defaults: ReadyView['formDefaults']; settles?: `Consent/${string}` }) {
  const { carer, defaults, settles } = ctx;
  const { draft, write, problem, submitting, cancel } = useFormWrite(ctx, `record-consent:${carer.id}`, {
    decision: '',
    decidedBy: 'patient',
    decidedByCarer: '',
    decidedByName: '',
    mayShare: '',
    mayNotShare: '',
    reviewDue: defaults.consentReviewDue,
    askAgainOn: defaults.askAgainOn,
  });
  const v = draft.values;
  const decision = v.decision ?? '';
  const decidedBy = (v.decidedBy ?? 'patient') as Decider;
  const unable = decision === 'lacks-capacity';
  const unableLabel = defaults.patientUnder16 ? 'Not able to decide at present (not Gillick competent)' : 'Unable to decide at present (lacks capacity)';
  return (
    <FormShell
      title={`Consent to share with ${carerName(carer)}`}
      hint="The patient’s decision about sharing information with this carer and involving them."
      submitLabel="Record decision"
      write={write}
      problem={problem}
      draftLines={[
        `Decision: ${unable ? unableLabel : (CONSENT_LABEL[decision] ?? 'not chosen')}`,
        unable ? `Ask again on: ${formatDate(v.askAgainOn)}` : `Review by: ${formatDate(v.reviewDue)}`,
      ]}
      onCancel={cancel}
      {...submitting(() => {
          if (decision !== 'permit' && decision !== 'deny' && decision !== 'partial' && decision !== 'lacks-capacity') return 'Choose the patient’s decision.';
          if (decision === 'partial' && lines(v.mayShare).length === 0 && lines(v.mayNotShare).length === 0) return 'Say what may, or may not, be shared.';
          const due = unable ? v.askAgainOn : v.reviewDue;
          if (!due || !/^\d{4}-\d{2}-\d{2}$/.test(due)) return unable ? 'Enter the date to ask again as a date.' : 'Enter the review date as a date.';
          const basis = unable ? undefined : decidedBy === 'patient' ? (defaults.patientUnder16 ? 'gillick-competent' : undefined) : decidedBy;
          if (!unable && decidedBy !== 'patient' && !v.decidedByCarer && !v.decidedByName?.trim()) return 'Say who made the decision.';
          return {
            kind: 'record-consent',
            carer: carer.reference,
            decision,
            mayShare: decision === 'partial' ? lines(v.mayShare) : [],
            mayNotShare: decision === 'partial' ? lines(v.mayNotShare) : [],
            reviewDue: due,
            ...(basis !== undefined ? { basis } : {}),
            ...(!unable && decidedBy !== 'patient' && v.decidedByCarer ? { decidedByCarer: v.decidedByCarer as `RelatedPerson/${string}` } : {}),
            ...(!unable && decidedBy !== 'patient' && !v.decidedByCarer && v.decidedByName?.trim() ? { decidedByName: v.decidedByName.trim() } : {}),
            ...(settles !== undefined ? { settles } : {}),
          };
        })}
    >
      <RadioGroup
        legend="The patient’s decision"
        name="decision"
        value={decision}
        onChange={(x) => draft.set('decision', x)}
        options={[
          ['permit', 'Agrees to share'],
          ['deny', 'Declines to share'],
          ['partial', 'Agrees to share some things'],
          ['lacks-capacity', unableLabel],
        ]}
      />
      {decision === 'partial' ? (
        <>
          <TextArea label="May be shared (only these)" name="mayShare" hint="One item per line, e.g. appointment times. Leave empty if everything else may be shared." value={v.mayShare ?? ''} onInput={(x) => draft.set('mayShare', x)} />
          <TextArea label="Must not be shared" name="mayNotShare" hint="One item per line" value={v.mayNotShare ?? ''} onInput={(x) => draft.set('mayNotShare', x)} />
        </>
      ) : null}
      {decision !== '' && !unable ? (
        <RadioGroup legend="Who made this decision?" name="decidedBy" value={decidedBy} onChange={(x) => draft.set('decidedBy', x)} options={DECIDER_OPTIONS(defaults.patientUnder16)} />
      ) : null}
      {decision !== '' && !unable && decidedBy !== 'patient' ? (
        <>
          <SelectField
            label="The person who decided, if recorded here"
            name="decidedByCarer"
            value={v.decidedByCarer ?? ''}
            onChange={(x) => draft.set('decidedByCarer', x)}
            options={[['', 'Not listed'], ...ctx.carers.map((c): [string, string] => [c.reference, c.name ?? 'Name not recorded'])]}
          />
          {v.decidedByCarer ? null : <TextField label="Their name and role" name="decidedByName" required value={v.decidedByName ?? ''} onInput={(x) => draft.set('decidedByName', x)} />}
        </>
      ) : null}
      {unable ? (
        <TextField label="Ask again on" name="askAgainOn" type="date" required value={v.askAgainOn ?? ''} onInput={(x) => draft.set('askAgainOn', x)} />
      ) : (
        <TextField label="Review by" name="reviewDue" type="date" required value={v.reviewDue ?? ''} onInput={(x) => draft.set('reviewDue', x)} />
      )}
    </FormShell>
  );
}

export function WithdrawConsentForm(ctx: FormContext & { carer: CarerView }) {
  const { carer } = ctx;
  const { write, problem, send, submitting, cancel } = useFormWrite(ctx, `withdraw-consent:${carer.id}`, {});
  const consent = carer.consent.consent;
  const action = (versionId?: string): Action | string =>
    consent ? { kind: 'withdraw-consent', carer: carer.reference, consent, ...(versionId ? { versionId } : {}) } : 'There is no recorded consent to withdraw.';
  return (
    <FormShell
      title={`Withdraw consent for ${carerName(carer)}`}
      hint="The patient no longer agrees to share information with this carer. The earlier decision stays in the record as withdrawn."
      submitLabel="Withdraw consent"
      write={write}
      problem={problem}
      draftLines={[`Consent: withdrawn today (was ${CONSENT_LABEL[carer.consent.decision] ?? carer.consent.decision})`]}
      onCancel={cancel}
      {...submitting(() => action(carer.consent.versionId))}
      onOverwrite={(conflict) => send(() => action(conflict.versionId))}
    />
  );
}

export function OfferAssessmentForm(ctx: FormContext & { carer: CarerView }) {
  const { carer } = ctx;
  const { write, problem, submitting, cancel } = useFormWrite(ctx, `offer-assessment:${carer.id}`, {});
  return (
    <FormShell
      title={`Offer ${carerName(carer)} a carer’s assessment`}
      hint="Records that a carer’s assessment was offered today (the local authority assesses the carer’s own needs)."
      submitLabel="Record offer"
      write={write}
      problem={problem}
      draftLines={['Assessment offered today']}
      onCancel={cancel}
      {...submitting(() => ({ kind: 'offer-assessment', carer: carer.reference }))}
    />
  );
}

export function AssessmentOutcomeForm(ctx: FormContext & { carer: CarerView; today: string }) {
  const { carer } = ctx;
  const { draft, write, problem, send, submitting, cancel } = useFormWrite(ctx, `record-assessment-outcome:${carer.id}`, { outcome: '', date: ctx.today, reason: '' });
  const v = draft.values;
  const task = carer.assessment.task;
  const action = (versionId?: string): Action | string => {
    const outcome = v.outcome;
    if (!task) return 'No assessment offer is recorded yet: record the offer first.';
    if (outcome !== 'accepted' && outcome !== 'declined' && outcome !== 'completed') return 'Choose the outcome.';
    return {
      kind: 'record-assessment-outcome',
      carer: carer.reference,
      task,
      outcome,
      ...(v.date ? { date: v.date } : {}),
      ...(outcome === 'declined' && v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      ...(versionId ? { versionId } : {}),
    };
  };
  return (
    <FormShell
      title={`Assessment outcome for ${carerName(carer)}`}
      submitLabel="Record outcome"
      write={write}
      problem={problem}
      draftLines={[`Outcome: ${v.outcome || 'not chosen'}`, `Date: ${formatDate(v.date)}`]}
      onCancel={cancel}
      {...submitting(() => action(carer.assessment.versionId))}
      onOverwrite={(conflict) => send(() => action(conflict.versionId))}
    >
      <RadioGroup
        legend="Outcome"
        name="outcome"
        value={v.outcome ?? ''}
        onChange={(x) => draft.set('outcome', x)}
        options={[
          ['accepted', 'Carer accepted the offer'],
          ['declined', 'Carer declined'],
          ['completed', 'Assessment completed'],
        ]}
      />
      <TextField label="Date" name="date" type="date" required value={v.date ?? ''} onInput={(x) => draft.set('date', x)} />
      {v.outcome === 'declined' ? <TextField label="Reason given" name="reason" value={v.reason ?? ''} onInput={(x) => draft.set('reason', x)} /> : null}
    </FormShell>
  );
}
