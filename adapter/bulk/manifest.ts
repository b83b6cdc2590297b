import { z } from 'zod';

/**
 * The completed-export manifest (Bulk Data Access IG, "Response - Complete Status").
 * Unknown elements are accepted (`extension`, `deleted`, server extras); what we act on is checked.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/export.html#response---complete-status
 */
const manifestFile = z.looseObject({
  type: z.string().min(1),
  url: z.string().min(1),
  count: z.number().int().nonnegative().optional(),
});

export const bulkManifestSchema = z.looseObject({
  transactionTime: z.string().min(1),
  request: z.string().optional(),
  requiresAccessToken: z.boolean().optional(),
  output: z.array(manifestFile),
  error: z.array(manifestFile).default([]),
});

export type BulkManifest = z.infer<typeof bulkManifestSchema>;
export type BulkManifestFile = z.infer<typeof manifestFile>;
