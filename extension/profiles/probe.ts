import type { Recognition } from './recognise';

/** What "test on this tab" reports: which facts a profile found, never their values (patient data). */
export interface ProbeSummary {
  kind: Recognition['kind'];
  profileId?: string;
  foundFhirId: boolean;
  foundNhsNumber: boolean;
  foundName: boolean;
  foundBirthDate: boolean;
}

export function summariseRecognition(recognition: Recognition): ProbeSummary {
  if (recognition.kind !== 'patient') {
    return { kind: recognition.kind, ...(recognition.kind === 'ambiguous' ? { profileId: recognition.profileId } : {}), foundFhirId: false, foundNhsNumber: false, foundName: false, foundBirthDate: false };
  }
  const { identity } = recognition;
  return {
    kind: 'patient',
    profileId: identity.profileId,
    foundFhirId: identity.fhirId !== undefined,
    foundNhsNumber: identity.nhsNumber !== undefined,
    foundName: identity.name !== undefined,
    foundBirthDate: identity.birthDate !== undefined,
  };
}

/** The global the options page sets (in the tab's isolated world) before injecting the probe. */
export const PROBE_INPUT_KEY = '__carerPromptsProbeProfiles';
