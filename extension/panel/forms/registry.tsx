/**
 * Each write action's form (shared/actions names the action; this names its form), the panel's
 * one lookup: which suggested actions get a button, which form a click or a saved draft opens.
 * The mapped type makes a new action in the registry fail to compile until it has its form here.
 */
import type { JSX } from 'preact';
import { isWriteKind, WRITE_KINDS, type ActionKind, type WriteKind } from '../../../shared/actions/index';
import type { CarerView, PromptView, ReadyView } from '../../protocol/view';
import { EditCarerForm } from './EditCarerForm';
import {
  AddCarerForm,
  AssessmentOutcomeForm,
  ConsentForm,
  MarkCarerForm,
  MarkContactForm,
  NoCarersForm,
  OfferAssessmentForm,
  WithdrawConsentForm,
  type FormContext,
} from './Forms';
import { DeferPromptForm } from './DeferPromptForm';
import { EndDeferralForm } from './EndDeferralForm';
import { SignpostingForm } from './SignpostingForm';
import { WhichCarerConsentForm } from './WhichCarerConsentForm';
import { YoungCarerReferralForm } from './YoungCarerReferralForm';
import { CarePlanInvolvementForm } from './CarePlanInvolvementForm';
import { ContingencyPlanForm } from './ContingencyPlanForm';
import { CrisisNumbersForm } from './CrisisNumbersForm';
import { CarerHeardForm } from './CarerHeardForm';
import { AnswerEnquiryForm, RecordEnquiryForm } from './CarerEnquiryForms';
import { DisclosureForm } from './DisclosureForm';
import { TransitionAssessmentForm } from './TransitionAssessmentForm';
import { CarerReferralForm, CarerSharingConsentForm } from './CarerReferralForms';
import { CircumstancesChangedForm } from './CircumstancesChangedForm';
import { DischargeInvolvementForm } from './DischargeInvolvementForm';
import { ChildrenAskedForm } from './ChildrenAskedForm';

/** The form open, with what it is about captured when it opened (a prompt may leave the view before the answer arrives). */
/** The form open, with what it is about captured when it opened; `restored` when it reopened from a saved draft (it then takes no focus). */
export type OpenForm = { kind: ActionKind; carer?: string; prompt?: string; promptView?: PromptView; task?: string; restored?: boolean };

export interface FormProps {
  ctx: FormContext;
  view: ReadyView;
  open: OpenForm;
  /** The carer the form is about, when it is about one. */
  carer: CarerView | undefined;
}

type FormFor = (props: FormProps) => JSX.Element | null;

/** A form about one carer: nothing opens without them. */
const forCarer =
  (render: (props: FormProps & { carer: CarerView }) => JSX.Element): FormFor =>
  (props) =>
    props.carer ? render({ ...props, carer: props.carer }) : null;

/** "Mark as carer" / "Not a carer" on a prompt about a Patient.contact answers about the contact (a RelatedPerson is created). */
const markForm = (isCarer: boolean): FormFor => (props) => {
  const contact = props.open.promptView?.contact;
  if (contact) return <MarkContactForm {...props.ctx} contact={contact} isCarer={isCarer} />;
  return props.carer ? <MarkCarerForm {...props.ctx} carer={props.carer} isCarer={isCarer} /> : null;
};

export const FORMS: { readonly [K in WriteKind]: FormFor } = {
  'add-carer': ({ ctx }) => <AddCarerForm {...ctx} />,
  'record-no-carers': ({ ctx }) => <NoCarersForm {...ctx} />,
  'mark-carer': markForm(true),
  'mark-not-carer': markForm(false),
  'answer-contact': ({ ctx, view, open }) => {
    const prompt = open.promptView ?? view.prompts.find((p) => p.contact?.key === open.carer);
    return prompt?.contact ? <MarkContactForm {...ctx} contact={prompt.contact} isCarer={false} /> : null;
  },
  'edit-carer': forCarer(({ ctx, carer }) => <EditCarerForm {...ctx} carer={carer} />),
  // From a prompt that names no carer (a Consent naming nobody), the form first asks which carer; the decision then settles that Consent.
  'record-consent': ({ ctx, carer, view, open }) =>
    carer ? (
      <ConsentForm {...ctx} carer={carer} carers={view.carers} defaults={view.formDefaults} />
    ) : (
      <WhichCarerConsentForm {...ctx} view={view} {...(open.promptView?.consent ? { settles: open.promptView.consent } : {})} />
    ),
  'withdraw-consent': forCarer(({ ctx, carer }) => <WithdrawConsentForm {...ctx} carer={carer} />),
  'offer-assessment': forCarer(({ ctx, carer }) => <OfferAssessmentForm {...ctx} carer={carer} />),
  'record-assessment-outcome': forCarer(({ ctx, carer, view }) => <AssessmentOutcomeForm {...ctx} carer={carer} today={view.formDefaults.today} />),
  'record-signposting': forCarer(({ ctx, carer, view }) => <SignpostingForm {...ctx} carer={carer} signposts={view.signposts} />),
  'refer-young-carer': forCarer(({ ctx, carer }) => <YoungCarerReferralForm {...ctx} carer={carer} />),
  'record-carer-heard': forCarer(({ ctx, carer, view }) => <CarerHeardForm {...ctx} carer={carer} items={[...(view.generalInformation ?? []), ...view.signposts]} />),
  'record-carer-enquiry': forCarer(({ ctx, carer, view }) => <RecordEnquiryForm {...ctx} carer={carer} today={view.formDefaults.today} />),
  'answer-carer-enquiry': forCarer(({ ctx, carer, view }) => <AnswerEnquiryForm {...ctx} carer={carer} today={view.formDefaults.today} />),
  'record-disclosure': forCarer(({ ctx, carer }) => <DisclosureForm {...ctx} carer={carer} />),
  'request-transition-assessment': forCarer(({ ctx, carer }) => <TransitionAssessmentForm {...ctx} carer={carer} />),
  'defer-prompt': ({ ctx, view, open }) => {
    const prompt = open.promptView ?? view.prompts.find((p) => p.id === open.prompt);
    return prompt ? <DeferPromptForm {...ctx} prompt={prompt} view={view} /> : null;
  },
  'end-deferral': ({ ctx, view, open }) => {
    const deferred = view.deferred.find((d) => d.task === open.task);
    return deferred ? <EndDeferralForm {...ctx} deferred={deferred} /> : null;
  },
  // The plans come from the prompt (the current plans not yet involving this carer); a reopened draft finds its prompt again.
  'involve-carer-in-care-plan': forCarer(({ ctx, carer, view, open }) => {
    const prompt = open.promptView ?? view.prompts.find((p) => p.code === 'involve-carer-in-care-plan' && p.carer === carer.reference);
    return <CarePlanInvolvementForm {...ctx} carer={carer} plans={prompt?.carePlans ?? []} />;
  }),
  'record-contingency-plan': forCarer(({ ctx, carer }) => <ContingencyPlanForm {...ctx} carer={carer} />),
  'record-crisis-numbers': forCarer(({ ctx, carer, view }) => <CrisisNumbersForm {...ctx} carer={carer} numbers={view.crisisNumbers ?? []} />),
  'refer-carer-assessment': forCarer(({ ctx, carer, view }) => <CarerReferralForm {...ctx} carer={carer} organisations={view.supportOrganisations} />),
  'record-carer-sharing-consent': forCarer(({ ctx, carer, view }) => <CarerSharingConsentForm {...ctx} carer={carer} organisations={view.supportOrganisations} />),
  'record-circumstances-changed': forCarer(({ ctx, carer }) => <CircumstancesChangedForm {...ctx} carer={carer} />),
  // The episode comes from the prompt (or, for a draft reopened without it, the carer's discharge prompt in the view).
  'record-discharge-involvement': ({ ctx, carer, view, open }) => {
    const episode = open.promptView?.episode ?? view.prompts.find((p) => p.code === 'involve-carer-in-discharge' && p.carer === carer?.reference)?.episode;
    return carer && episode ? <DischargeInvolvementForm {...ctx} carer={carer} episode={episode} /> : null;
  },
  'record-children-asked': ({ ctx }) => <ChildrenAskedForm {...ctx} />,
};

/** Suggested actions that open a form (advice such as "Check in the EHR" opens none). */
export const FORM_ACTIONS: ReadonlySet<string> = new Set<string>(WRITE_KINDS);

export function renderForm(open: OpenForm, ctx: FormContext, view: ReadyView, carerById: (id: string | undefined) => CarerView | undefined) {
  // Advice ("Check in the EHR") has no form.
  return isWriteKind(open.kind) ? FORMS[open.kind]({ ctx, view, open, carer: carerById(open.carer) }) : null;
}

/** Maps a saved draft's form id (`<kind>` or `<kind>:<carer id>`) back to the form, so a draft reopens after a reload or worker stop. */
export function formFromDraftId(id: string): OpenForm | undefined {
  const colon = id.indexOf(':');
  const [kind, rest] = colon < 0 ? [id, undefined] : [id.slice(0, colon), id.slice(colon + 1)];
  if (!isWriteKind(kind)) return undefined;
  if (kind === 'defer-prompt') return rest ? { kind, prompt: rest } : undefined;
  if (kind === 'end-deferral') return rest ? { kind, task: rest } : undefined;
  return rest ? { kind, carer: rest } : { kind };
}
