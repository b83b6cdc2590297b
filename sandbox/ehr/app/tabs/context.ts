import type { FhirReader, PatientWithTeam } from '../fhir';

/** What every tab is rendered from: the patient on screen, the reader for more, and the page's clock. */
export interface TabContext {
  patient: PatientWithTeam;
  reader: FhirReader;
  /** Aborted when the clinician moves to another tab or patient. */
  signal: AbortSignal;
  today: Date;
}

export type TabRenderer = (context: TabContext) => Node | Promise<Node>;
