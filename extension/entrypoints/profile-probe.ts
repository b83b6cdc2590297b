import { defineUnlistedScript } from '#imports';
import { isProfileList } from '../protocol/contentGuards';
import { PROBE_INPUT_KEY, summariseRecognition, type ProbeSummary } from '../profiles/probe';
import { recognisePage } from '../profiles/recognise';

/**
 * Injected by the options page's "test on this tab" check into the tab the administrator chose:
 * runs the draft profiles against the page and returns which facts they found (never the values).
 */
export default defineUnlistedScript((): ProbeSummary | undefined => {
  const store = globalThis as unknown as Record<string, unknown>;
  const profiles = store[PROBE_INPUT_KEY];
  delete store[PROBE_INPUT_KEY];
  if (!isProfileList(profiles)) return undefined;
  return summariseRecognition(recognisePage(location, document, profiles));
});
