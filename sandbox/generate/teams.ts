/**
 * The synthetic trust's community teams. Each is an Organization (Patient.managingOrganization and
 * EpisodeOfCare.managingOrganization point at it, with its name as display) and a Group listing its
 * patients (the audit's Group-level $export).
 */
export interface Team {
  /** Organization and Group id. */
  readonly id: string;
  readonly name: string;
  /** Ages of the patients the team sees. */
  readonly ages: readonly [number, number];
  /** Share of the generated caseload. */
  readonly weight: number;
}

export const TEAMS: readonly Team[] = [
  { id: 'team-eip', name: 'Early Intervention in Psychosis', ages: [16, 40], weight: 15 },
  { id: 'team-cmht-north', name: 'Community Mental Health Team North', ages: [18, 70], weight: 25 },
  { id: 'team-cmht-south', name: 'Community Mental Health Team South', ages: [18, 70], weight: 25 },
  { id: 'team-older-adults', name: 'Older Adults Community Mental Health Team', ages: [65, 95], weight: 15 },
  { id: 'team-crisis', name: 'Crisis Resolution and Home Treatment Team', ages: [18, 80], weight: 10 },
  { id: 'team-camhs', name: 'Child and Adolescent Mental Health Service', ages: [11, 17], weight: 10 },
];

export function teamById(id: string): Team {
  const team = TEAMS.find((t) => t.id === id);
  if (!team) throw new RangeError(`Unknown team ${id}`);
  return team;
}

/** Identifier system for the synthetic trust's own ids (teams, staff). */
export const SANDBOX_ID_SYSTEM = 'https://carer-prompts.example.org/fhir/Id';

export interface StaffMember {
  readonly id: string;
  readonly given: string;
  readonly family: string;
}

const STAFF_NAMES: readonly (readonly [string, string])[] = [
  ['Rachel', 'Morgan'], ['Ian', 'Fletcher'], ['Deepa', 'Sharma'], ['Owen', 'Pritchard'], ['Bola', 'Adebayo'], ['Kate', 'Lindqvist'],
  ['Hamid', 'Rahimi'], ['Sarah', 'Doyle'], ['Tom', 'Ashworth'], ['Yasmin', 'Hussein'], ['Ewa', 'Zielinska'], ['Colin', 'Baxter'],
];

/** Two care coordinators per team (Practitioner ids `<team>-staff-1|2`): who offered, who asked. */
export function teamStaff(team: Team): readonly StaffMember[] {
  const index = TEAMS.findIndex((t) => t.id === team.id);
  return [0, 1].map((k) => {
    const [given, family] = STAFF_NAMES[(index * 2 + k) % STAFF_NAMES.length] as readonly [string, string];
    return { id: `${team.id}-staff-${k + 1}`, given, family };
  });
}

export function staffDisplay(member: StaffMember): string {
  return `${member.given} ${member.family}`;
}
