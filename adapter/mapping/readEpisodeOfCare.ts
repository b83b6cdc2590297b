/**
 * EpisodeOfCare → when the patient's episode with the service started, and the team.
 *
 * FHIR's Patient has no element for either; EpisodeOfCare is where R4 records "the period during
 * which the patient is under the care of an organisation/team". Only episodes in progress count
 * (active, onhold, waitlist): a finished episode's start does not start the current 3-month clock.
 * @see https://hl7.org/fhir/R4/episodeofcare.html
 */
import { LEGAL_STATUS_EXTENSION, MHA_DETENTION_CODES, READ_INPATIENT_EPISODE_TYPES } from '../../shared/terminology';
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
  /** EpisodeOfCare.type coded as inpatient / as a Mental Health Act detention (shared/terminology.ts). */
  inpatient: boolean;
  detained: boolean;
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
    inpatient: hasCoding(episode.type, (system, code) => READ_INPATIENT_EPISODE_TYPES.some((t) => t.system === system && t.code === code)),
    detained: isDetention(raw),
    warnings: parsed.warnings,
  };
  if (episode.period?.start) result.start = episode.period.start;
  if (episode.period?.end) result.end = episode.period.end;
  const team = episode.team?.find((t) => t.display?.trim())?.display?.trim() ?? episode.managingOrganization?.display?.trim();
  if (team) result.team = team;
  return result;
}

type CodingTest = (system: unknown, code: unknown) => boolean;

function hasCoding(concepts: unknown, test: CodingTest): boolean {
  if (!Array.isArray(concepts)) return false;
  return concepts.some((concept: unknown) => {
    const codings = typeof concept === 'object' && concept !== null ? (concept as { coding?: unknown }).coding : undefined;
    return Array.isArray(codings) && codings.some((c: unknown) => typeof c === 'object' && c !== null && test((c as { system?: unknown }).system, (c as { code?: unknown }).code));
  });
}

const detentionCode: CodingTest = (system, code) => typeof system === 'string' && typeof code === 'string' && (MHA_DETENTION_CODES[system]?.has(code) ?? false);

/**
 * A detention under the Mental Health Act: a legal status classification of detention in
 * EpisodeOfCare.type, or in UK Core's LegalStatus extension (sub-extension legalStatusClassification).
 */
function isDetention(raw: unknown): boolean {
  const episode = raw as { type?: unknown; extension?: unknown };
  if (hasCoding(episode.type, detentionCode)) return true;
  if (!Array.isArray(episode.extension)) return false;
  return episode.extension.some((ext: unknown) => {
    const { url, extension } = (ext ?? {}) as { url?: unknown; extension?: unknown };
    if (url !== LEGAL_STATUS_EXTENSION || !Array.isArray(extension)) return false;
    return extension.some((sub: unknown) => {
      const { url: subUrl, valueCodeableConcept } = (sub ?? {}) as { url?: unknown; valueCodeableConcept?: unknown };
      return subUrl === 'legalStatusClassification' && hasCoding([valueCodeableConcept], detentionCode);
    });
  });
}
