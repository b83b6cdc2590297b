import type { CarerView, PromptView, ReadyView } from '../../../extension/protocol/view';

/** Sara Khan, Amira's daughter and carer: no consent decision, no assessment offer. */
export const CarerSara: CarerView = {
  id: 'demo-amira-khan-daughter',
  reference: 'RelatedPerson/demo-amira-khan-daughter',
  versionId: '1',
  name: 'Sara Khan',
  carerStatus: 'carer',
  relationships: ['Daughter'],
  contactRoles: [],
  youngCarer: false,
  telecom: [{ system: 'phone', value: '07700 900101' }],
  active: true,
  consent: { decision: 'none', summary: 'Not recorded', reviewOverdue: false, mayShare: [], mayNotShare: [] },
  assessment: { status: 'not-offered' },
};

/** A contact whose name is markup: it must be shown as text. */
export const ContactWithMarkupName: CarerView = {
  ...CarerSara,
  id: 'demo-markup-name-carer',
  reference: 'RelatedPerson/demo-markup-name-carer',
  name: 'Robin <script>alert("carer")</script>',
  carerStatus: 'unconfirmed',
  relationships: ['Friend'],
  contactRoles: ['next-of-kin'],
  telecom: [],
};

export const RecordConsentPrompt: PromptView = {
  id: 'record-consent:RelatedPerson/demo-amira-khan-daughter',
  code: 'record-consent',
  severity: 'warning',
  summary: 'Consent to share with Sara Khan (Daughter) not recorded',
  detail: 'Ask the patient whether information may be shared with Sara.',
  commitment: 'Triangle of Care standard 3',
  actions: [{ kind: 'record-consent', label: 'Record consent decision' }],
  carer: 'RelatedPerson/demo-amira-khan-daughter',
  snoozable: true,
};

export const OfferAssessmentPrompt: PromptView = {
  ...RecordConsentPrompt,
  id: 'offer-assessment:RelatedPerson/demo-amira-khan-daughter',
  code: 'offer-assessment',
  severity: 'critical',
  summary: 'Needs assessment not offered to Sara Khan (Daughter)',
  actions: [{ kind: 'offer-assessment', label: 'Record assessment offer' }],
};

export const AmiraReady: ReadyView = {
  kind: 'ready',
  patient: { reference: 'Patient/demo-amira-khan', id: 'demo-amira-khan', name: 'Amira Khan', birthDate: '1979-09-09', nhsNumber: '9990011117' },
  carers: [CarerSara, ContactWithMarkupName],
  prompts: [OfferAssessmentPrompt, RecordConsentPrompt],
  deferred: [],
  warnings: [],
  writes: {},
  formDefaults: { today: '2026-11-23', consentReviewDue: '2027-11-23', askAgainOn: '2026-12-21', patientUnder16: false },
  signposts: [{ id: 'carers-centre', label: "The local carers' centre" }],
  supportOrganisations: [{ id: 'local-authority', name: "The local authority's adult social care (carers' assessments)" }],
};
