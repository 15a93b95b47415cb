import { z } from 'zod';

/** The IDE protocol's own notifications: top-level methods, no `notifications/` prefix (§1.10). */
export const ideNotificationMethods = {
  selectionChanged: 'selection_changed',
  atMentioned: 'at_mentioned',
  /** Sent by the CLI after `initialized`, with its pid. */
  ideConnected: 'ide_connected',
} as const;

const position = z.object({ line: z.number(), character: z.number() });

/** `selection_changed` as a client receives it (for clients and tests; the server builds it typed). */
export const selectionChangedNotificationSchema = z.object({
  method: z.literal(ideNotificationMethods.selectionChanged),
  params: z.object({
    text: z.string(),
    filePath: z.string(),
    fileUrl: z.string(),
    selection: z.object({ start: position, end: position, isEmpty: z.boolean() }),
  }),
});

/** `at_mentioned`: line numbers are 0-based and absent for a whole file. */
export const atMentionedNotificationSchema = z.object({
  method: z.literal(ideNotificationMethods.atMentioned),
  params: z.object({
    filePath: z.string(),
    lineStart: z.number().optional(),
    lineEnd: z.number().optional(),
  }),
});

/** `ide_connected` from the CLI; extra fields are tolerated (the protocol drifts). */
export const ideConnectedNotificationSchema = z.object({
  method: z.literal(ideNotificationMethods.ideConnected),
  params: z.looseObject({ pid: z.number().optional() }).optional(),
});
