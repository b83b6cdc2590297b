import * as z from 'zod/mini';

/**
 * The typed message protocol between the extension's parts. Every message is parsed with these
 * schemas where it arrives; anything that does not parse, or does not come from this extension's
 * own contexts, is ignored. This file holds only what the content script needs, so the script
 * that runs on every EHR page stays small.
 *
 *   content script --page/recognition--> background --frame/layout--> content script
 *   panel <==port "panel"==> background   (./messages.ts)
 */

const shortText = (max: number) => z.string().check(z.maxLength(max));

export const PageIdentitySchema = z.object({
  profileId: z.string(),
  fhirId: z.optional(z.string()),
  nhsNumber: z.optional(z.string().check(z.regex(/^\d{10}$/))),
  name: z.optional(shortText(200)),
  birthDate: z.optional(shortText(200)),
});

export const RecognitionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** A patient page whose banner has not yet said who it is: the panel waits, nothing is read. */
  z.object({ kind: z.literal('pending') }),
  z.object({ kind: z.literal('ambiguous'), profileId: z.string() }),
  z.object({ kind: z.literal('patient'), identity: PageIdentitySchema }),
]);

/**
 * One state of one page: `load` is random per content-script run (so it never repeats across page
 * loads, where `seq` starts at 1 again) and `seq` counts the changes that run has seen. Every view,
 * frame layout and write names the page state it belongs to, and each hop drops what is not for the
 * state it has now.
 */
export const PageStateSchema = z.object({ load: z.string().check(z.minLength(16), z.maxLength(64)), seq: z.number() });

/** Content script → background. */
export const ContentToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page/recognition'), page: PageStateSchema, recognition: RecognitionSchema }),
  z.object({ type: z.literal('page/profiles') }),
]);

export const PanelModeSchema = z.enum(['collapsed', 'expanded']);

/** Background → content script: show the frame only once the panel shows the patient the page shows. */
export const BackgroundToContentSchema = z.object({
  type: z.literal('frame/layout'),
  page: PageStateSchema,
  visible: z.boolean(),
  mode: PanelModeSchema,
});

export type PageIdentityMessage = z.infer<typeof PageIdentitySchema>;
export type RecognitionMessage = z.infer<typeof RecognitionSchema>;
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;
export type BackgroundToContent = z.infer<typeof BackgroundToContentSchema>;
export type PanelMode = z.infer<typeof PanelModeSchema>;
export type PageState = z.infer<typeof PageStateSchema>;

/** The same state of the same page load (a later load's `seq` 1 is not this load's `seq` 1). */
export function samePage(a: PageState | undefined, b: PageState | undefined): boolean {
  return a !== undefined && b !== undefined && a.load === b.load && a.seq === b.seq;
}

/** Parses a message; undefined when it is not one of ours (callers ignore it). */
export function parseMessage<T>(schema: z.ZodMiniType<T>, message: unknown): T | undefined {
  const result = z.safeParse(schema, message);
  return result.success ? result.data : undefined;
}
