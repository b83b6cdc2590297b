import { useEffect, useRef, useState } from 'preact/hooks';
import { draftKey, draftsItem, type DraftRecord } from '../storage/items';

type Drafts = Record<string, DraftRecord>;
let queue: Promise<void> = Promise.resolve();

/** Serialises read-modify-write of the drafts item so fast typing never loses a keystroke. */
function updateDrafts(change: (drafts: Drafts) => Drafts): Promise<void> {
  queue = queue.then(async () => draftsItem.setValue(change(await draftsItem.getValue()))).catch(() => undefined);
  return queue;
}

export type DraftValues = Record<string, string>;

/**
 * A form's values, kept in session storage under the patient and form they belong to, so a
 * draft survives the service worker stopping and the panel reloading, and reopens only for
 * the same patient.
 */
export function useDraft(patient: `Patient/${string}`, form: string, initial: DraftValues) {
  const [values, setValues] = useState<DraftValues>(initial);
  const touched = useRef(false);
  const key = draftKey(patient, form);

  useEffect(() => {
    let cancelled = false;
    void draftsItem.getValue().then((drafts) => {
      const saved = drafts[key];
      if (!cancelled && saved && !touched.current) setValues({ ...initial, ...saved.values });
    });
    return () => {
      cancelled = true;
    };
    // Keyed on the draft only: the initial values are a starting point, not a dependency.
  }, [key]);

  const set = (name: string, value: string): void => {
    touched.current = true;
    setValues((current) => {
      const next = { ...current, [name]: value };
      updateDrafts((drafts) => ({ ...drafts, [key]: { patient, form, values: next, savedAt: new Date().toISOString() } }));
      return next;
    });
  };

  const clear = (): Promise<void> =>
    updateDrafts((drafts) => {
      const { [key]: _gone, ...rest } = drafts;
      return rest;
    });

  return { values, set, clear };
}

/** Forms with a saved draft for this patient: they reopen when the panel does. */
export async function draftFormsFor(patient: `Patient/${string}`): Promise<string[]> {
  const drafts = await draftsItem.getValue();
  return Object.values(drafts)
    .filter((d) => d.patient === patient)
    .map((d) => d.form);
}
