/**
 * EpisodeOfCare → when the patient's episode with the service started, and the team.
 *
 * FHIR's Patient has no element for either; EpisodeOfCare is where R4 records "the period during
 * which the patient is under the care of an organisation/team". Only episodes in progress count
 * (active, onhold, waitlist): a finished episode's start does not start the current 3-month clock.
 * @see https://hl7.org/fhir/R4/episodeofcare.html
 */
import { EpisodeOfCareSchema } from '../fhir/schemas';
import { parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';

export interface EpisodeOfCareRead {
  patient: string | undefined;
  current: boolean;
  /** status finished: the patient was under the service until `end`. */
  finished: boolean;
  start?: string;
  end?: string;
  team?: string;
  warnings: string[];
}

const CURRENT = new Set(['active', 'onhold', 'waitlist']);

export function readEpisodeOfCare(raw: unknown, options: { aliases?: ReadonlyMap<string, string> } = {}): EpisodeOfCareRead | ReadWarning {
  const parsed = parseResource(EpisodeOfCareSchema, raw, 'EpisodeOfCare', ['team', 'managingOrganization']);
  if (!parsed.ok) return { warning: parsed.warning };
  const episode = parsed.value;
  const result: EpisodeOfCareRead = {
    patient: resolveReference(episode.patient, 'Patient', options.aliases),
    current: CURRENT.has(episode.status),
    finished: episode.status === 'finished',
    warnings: parsed.warnings,
  };
  if (episode.period?.start) result.start = episode.period.start;
  if (episode.period?.end) result.end = episode.period.end;
  const team = episode.team?.find((t) => t.display?.trim())?.display?.trim() ?? episode.managingOrganization?.display?.trim();
  if (team) result.team = team;
  return result;
}
