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
  z.object({ kind: z.literal('ambiguous'), profileId: z.string() }),
  z.object({ kind: z.literal('patient'), identity: PageIdentitySchema }),
]);

/** Content script → background. `seq` increases with every change the content script sees. */
export const ContentToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page/recognition'), seq: z.number(), recognition: RecognitionSchema }),
  z.object({ type: z.literal('page/profiles') }),
]);

export const PanelModeSchema = z.enum(['collapsed', 'expanded']);

/** Background → content script: show the frame only once the panel shows the patient the page shows. */
export const BackgroundToContentSchema = z.object({
  type: z.literal('frame/layout'),
  seq: z.number(),
  visible: z.boolean(),
  mode: PanelModeSchema,
});

export type PageIdentityMessage = z.infer<typeof PageIdentitySchema>;
export type RecognitionMessage = z.infer<typeof RecognitionSchema>;
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;
export type BackgroundToContent = z.infer<typeof BackgroundToContentSchema>;
export type PanelMode = z.infer<typeof PanelModeSchema>;

/** Parses a message; undefined when it is not one of ours (callers ignore it). */
export function parseMessage<T>(schema: z.ZodMiniType<T>, message: unknown): T | undefined {
  const result = z.safeParse(schema, message);
  return result.success ? result.data : undefined;
}
