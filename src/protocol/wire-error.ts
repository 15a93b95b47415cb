import * as z from 'zod/mini';

/** What the person can be sent to from an error: store an API key or open the settings. */
export const failActionSchema = z.enum(['set-api-key', 'open-settings']);

/** An error's follow-up action. */
export type FailAction = z.infer<typeof failActionSchema>;

/** An error as it crosses the wire: data, never a thrown object. `action` is what can fix it. */
export const wireErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  action: z.optional(failActionSchema),
});

/** An error sent between host and webview. */
export type WireError = z.infer<typeof wireErrorSchema>;
