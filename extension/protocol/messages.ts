import * as z from 'zod/mini';
import { WriteInputSchema } from '../../shared/actions/index';
import { PageStateSchema, PanelModeSchema } from './page';
import { PanelViewSchema } from './view';

/**
 * Panel <==port "panel"==> background: view pushes, actions, progress and results. Parsed with
 * these schemas where they arrive (see ./page.ts for the content script's messages).
 */

const patientRef = z.templateLiteral([z.literal('Patient/'), z.string()]);

/** Every write action's message (shared/actions, one file each). */
export const ActionSchema = WriteInputSchema;

export const ConflictSchema = z.object({
  resourceType: z.string(),
  versionId: z.optional(z.string()),
  lastUpdated: z.optional(z.string()),
  lines: z.array(z.string()),
});

export const ActionResultSchema = z.object({
  type: z.literal('action/result'),
  requestId: z.string(),
  patient: patientRef,
  outcome: z.enum(['saved', 'failed', 'conflict', 'interrupted']),
  /** Whether the page still shows the patient the write was for. */
  stillOnScreen: z.boolean(),
  message: z.optional(z.string()),
  conflict: z.optional(ConflictSchema),
  /** Not saved because the SMART session ended: the panel offers "Sign in again" and keeps the draft. */
  signIn: z.optional(z.boolean()),
  /** Nobody has signed in yet in this browser session: the button says "Sign in", not "Sign in again". */
  firstSignIn: z.optional(z.boolean()),
});

/** Panel → background, over the "panel" port. */
export const PanelToBackgroundSchema = z.discriminatedUnion('type', [
  /** `ancestors`: the panel's `location.ancestorOrigins` (browser-given); the port is admitted only under the tab's recognised EHR page. */
  z.object({ type: z.literal('panel/hello'), ancestors: z.array(z.string()).check(z.maxLength(20)) }),
  z.object({ type: z.literal('panel/shown'), page: PageStateSchema, mode: PanelModeSchema }),
  z.object({ type: z.literal('panel/retry') }),
  /** A trusted click on "Sign in again": the background opens the browser's sign-in window. */
  z.object({ type: z.literal('panel/sign-in') }),
  /** `page`: the page state whose view the form was opened from; refused unless the tab still shows it. */
  z.object({ type: z.literal('action/run'), requestId: z.string().check(z.minLength(8)), patient: patientRef, page: PageStateSchema, action: ActionSchema }),
  z.object({ type: z.literal('action/status'), requestId: z.string() }),
]);

/** Background → panel, over the "panel" port. */
export const BackgroundToPanelSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('view'), page: PageStateSchema, view: PanelViewSchema }),
  ActionResultSchema,
  z.object({ type: z.literal('action/progress'), requestId: z.string(), step: z.enum(['writing', 're-reading']) }),
  /** This frame is not the panel of the tab's EHR page: it gets nothing, and should stop asking. */
  z.object({ type: z.literal('panel/refused') }),
]);

export const PANEL_PORT_NAME = 'carer-prompts/panel';

export type Action = z.infer<typeof ActionSchema>;
export type ActionResult = z.infer<typeof ActionResultSchema>;
export type Conflict = z.infer<typeof ConflictSchema>;
export type PanelToBackground = z.infer<typeof PanelToBackgroundSchema>;
export type BackgroundToPanel = z.infer<typeof BackgroundToPanelSchema>;
