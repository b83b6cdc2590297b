/**
 * The clinical content the sandbox FHIR server does not hold (diagnoses, medication, risk, care plan)
 * so the record looks like a working mental-health record in a demo. It is chosen deterministically
 * from the patient's id: the same patient always shows the same content, and nothing here is read
 * from or written to the FHIR server. All of it is fictional.
 */

export interface Staff {
  name: string;
  role: string;
}

export interface ClinicalPicture {
  diagnosis: { code: string; display: string };
  medication: readonly { name: string; dose: string }[];
  allergy: string;
  legalStatus: string;
  cpa: string;
  careCoordinator: Staff;
  consultant: Staff;
  risk: { self: string; others: string; fromOthers: string; selfNeglect: string };
  living: string;
  presenting: string;
  goals: readonly { need: string; goal: string; intervention: string; by: Staff }[];
  relapseSigns: readonly string[];
  /** Days before today of recent contacts, newest first. */
  contacts: readonly { daysAgo: number; type: string; by: Staff; outcome: string }[];
  /** Days from today of the next CPA review. */
  reviewInDays: number;
}

const STAFF: readonly Staff[] = [
  { name: 'Priya Shah', role: 'Community psychiatric nurse' },
  { name: 'Tom Okafor', role: 'Social worker' },
  { name: 'Aled Price', role: 'Occupational therapist' },
  { name: 'Grace Lindqvist', role: 'Community psychiatric nurse' },
  { name: 'Marcus Bell', role: 'Support time and recovery worker' },
];

const CONSULTANTS: readonly Staff[] = [
  { name: 'Dr Helen Marsh', role: 'Consultant psychiatrist' },
  { name: 'Dr Kwame Mensah', role: 'Consultant psychiatrist' },
];

interface Presentation {
  /** Which teams would see this presentation (matched against the team's name); any team when empty. */
  teams: readonly RegExp[];
  diagnosis: { code: string; display: string };
  medication: readonly { name: string; dose: string }[];
  presenting: string;
  relapseSigns: readonly string[];
  need: string;
  goal: string;
}

const PRESENTATIONS: readonly Presentation[] = [
  {
    teams: [/Community Mental Health Team (North|South)/, /Crisis/, /Older Adults/],
    diagnosis: { code: 'F33.1', display: 'Recurrent depressive disorder, current episode moderate' },
    medication: [{ name: 'Sertraline', dose: '100 mg once daily' }, { name: 'Mirtazapine', dose: '15 mg at night' }],
    presenting: 'Low mood, poor sleep and withdrawal from usual activities over three months, following loss of employment.',
    relapseSigns: ['Stops answering the phone', 'Sleeping most of the day', 'Stops eating regular meals'],
    need: 'Low mood affecting daily routine',
    goal: 'Return to a regular daily routine, including two activities outside the home each week',
  },
  {
    teams: [/Psychosis/, /Community Mental Health Team (North|South)/],
    diagnosis: { code: 'F20.0', display: 'Paranoid schizophrenia' },
    medication: [{ name: 'Aripiprazole', dose: '15 mg once daily' }, { name: 'Procyclidine', dose: '5 mg as required' }],
    presenting: 'Known to the service since first episode. Stable on current medication; occasional persecutory thoughts at times of stress.',
    relapseSigns: ['Believes neighbours are monitoring the flat', 'Stops taking medication', 'Misses appointments'],
    need: 'Maintaining stability and medication concordance',
    goal: 'Remain well in the community and take medication as prescribed',
  },
  {
    teams: [/Community Mental Health Team (North|South)/, /Crisis/],
    diagnosis: { code: 'F31.3', display: 'Bipolar affective disorder, current episode mild or moderate depression' },
    medication: [{ name: 'Lithium carbonate', dose: '800 mg at night (level 0.6–0.8 mmol/L)' }, { name: 'Quetiapine', dose: '150 mg at night' }],
    presenting: 'Depressive episode following a period of elevated mood in the spring; lithium levels stable.',
    relapseSigns: ['Reduced need for sleep', 'Spending beyond means', 'Pressured speech on the phone'],
    need: 'Mood stability and physical health monitoring',
    goal: 'Keep lithium levels in range and recognise early warning signs',
  },
  {
    teams: [/Community Mental Health Team (North|South)/, /Child and Adolescent/],
    diagnosis: { code: 'F41.1', display: 'Generalized anxiety disorder' },
    medication: [{ name: 'Sertraline', dose: '50 mg once daily' }, { name: 'Propranolol', dose: '10 mg up to three times daily as required' }],
    presenting: 'Persistent worry and panic symptoms limiting travel outside the home; caring responsibilities for a parent.',
    relapseSigns: ['Avoids leaving the house', 'Increased panic attacks', 'Stops attending groups'],
    need: 'Anxiety limiting life outside the home',
    goal: 'Travel independently to the local shops and to appointments',
  },
  {
    teams: [/Community Mental Health Team (North|South)/, /Crisis/],
    diagnosis: { code: 'F43.1', display: 'Post-traumatic stress disorder' },
    medication: [{ name: 'Venlafaxine', dose: '150 mg once daily' }],
    presenting: 'Intrusive memories and nightmares after a road traffic collision; awaiting trauma-focused therapy.',
    relapseSigns: ['Nightmares most nights', 'Increased alcohol use', 'Irritability at home'],
    need: 'Trauma symptoms affecting sleep and relationships',
    goal: 'Engage with trauma-focused therapy and sleep at least six hours most nights',
  },
  {
    teams: [/Psychosis/],
    diagnosis: { code: 'F23.1', display: 'Acute polymorphic psychotic disorder with symptoms of schizophrenia' },
    medication: [{ name: 'Aripiprazole', dose: '10 mg once daily' }],
    presenting: 'First episode: hearing voices commenting on actions and believing messages were sent through the television; now settling.',
    relapseSigns: ['Poor sleep for several nights', 'Withdraws to bedroom', 'Talks about messages from the television'],
    need: 'Recovery from a first episode of psychosis',
    goal: 'Return to college part-time and understand early warning signs',
  },
  {
    teams: [/Older Adults/],
    diagnosis: { code: 'F00.1', display: 'Dementia in Alzheimer disease with late onset' },
    medication: [{ name: 'Donepezil', dose: '10 mg at night' }, { name: 'Memantine', dose: '10 mg once daily' }],
    presenting: 'Gradual memory decline over two years with low mood; increasingly reliant on family for shopping and medication.',
    relapseSigns: ['Confusion in the evenings', 'Missed medication doses', 'Leaving the house at night'],
    need: 'Memory problems affecting safety at home',
    goal: 'Stay safely at home with support for medication and meals',
  },
  {
    teams: [/Child and Adolescent/],
    diagnosis: { code: 'F32.1', display: 'Moderate depressive episode' },
    medication: [{ name: 'Fluoxetine', dose: '20 mg once daily' }],
    presenting: 'Low mood, school refusal and self-harm by cutting over the last term; engaging with CBT.',
    relapseSigns: ['Stops going to school', 'Stays in bedroom', 'Covers arms in warm weather'],
    need: 'Low mood and self-harm',
    goal: 'Attend school four days a week and use a safety plan when distressed',
  },
];

const LIVING = [
  'Lives alone in a housing association flat.',
  'Lives with partner in owned home.',
  'Lives with family; two children at home.',
  'Lives with elderly mother in a rented house.',
  'Lives in supported accommodation with 24-hour staff.',
];

const ALLERGIES = ['No known drug allergies', 'Penicillin — rash', 'No known drug allergies', 'Codeine — nausea and vomiting'];
const LEGAL = ['Informal', 'Informal', 'Community Treatment Order (s.17A)', 'Informal'];
const RISK = ['Low', 'Low', 'Moderate'];
const CONTACT_TYPES = ['Home visit', 'Outpatient appointment', 'Telephone contact', 'Clinic appointment', 'Video consultation'];
const OUTCOMES = ['Seen; plan unchanged', 'Seen; medication reviewed', 'No answer; letter sent', 'Seen with family present', 'Seen; next visit booked'];

/** FNV-1a: a stable 32-bit seed from the patient id. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small deterministic generator, good enough to pick demo content. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo content for a patient, fitting the team they are on (a psychosis team sees psychosis). */
export function clinicalPicture(patientId: string, team = ''): ClinicalPicture {
  const random = generator(seedOf(patientId));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const fitting = PRESENTATIONS.filter((candidate) => candidate.teams.some((pattern) => pattern.test(team)));
  const presentation = pick(fitting.length > 0 ? fitting : PRESENTATIONS);
  const careCoordinator = pick(STAFF);
  const consultant = pick(CONSULTANTS);
  const other = STAFF.find((staff) => staff !== careCoordinator) ?? careCoordinator;
  let daysAgo = 2 + Math.floor(random() * 5);
  const contacts = Array.from({ length: 4 }, () => {
    const contact = { daysAgo, type: pick(CONTACT_TYPES), by: random() < 0.75 ? careCoordinator : consultant, outcome: pick(OUTCOMES) };
    daysAgo += 7 + Math.floor(random() * 14);
    return contact;
  });
  return {
    diagnosis: presentation.diagnosis,
    medication: presentation.medication,
    allergy: pick(ALLERGIES),
    legalStatus: pick(LEGAL),
    cpa: random() < 0.7 ? 'Care Programme Approach' : 'Standard care',
    careCoordinator,
    consultant,
    risk: { self: pick(RISK), others: 'Low', fromOthers: pick(RISK), selfNeglect: pick(RISK) },
    living: /Child and Adolescent/.test(team) ? 'Lives with mother and younger brother; attends the local secondary school.' : pick(LIVING),
    presenting: presentation.presenting,
    goals: [
      { need: presentation.need, goal: presentation.goal, intervention: 'Fortnightly care coordination visits; review of early warning signs', by: careCoordinator },
      { need: 'Medication', goal: 'Takes medication as prescribed with no troublesome side effects', intervention: 'Medication review at each outpatient appointment', by: consultant },
      { need: 'Occupation and daily living', goal: 'Weekly structured activity of the patient’s choosing', intervention: 'Referral to recovery college; OT assessment', by: other },
    ],
    relapseSigns: presentation.relapseSigns,
    contacts,
    reviewInDays: 14 + Math.floor(random() * 120),
  };
}

/** `today` moved by whole days, as a FHIR date, for showing synthetic contact and review dates. */
export function daysFrom(today: Date, days: number): string {
  const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
