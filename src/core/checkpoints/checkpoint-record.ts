import { z } from 'zod';

/** A blob's name: the SHA-256 of its bytes, lower-case hex. */
export const blobHashSchema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'is not a SHA-256 hex digest' });

/** What a file was at one moment: missing, or these exact bytes (named by their hash). */
export const fileVersionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('absent') }),
  z.object({ kind: z.literal('bytes'), hash: blobHashSchema, size: z.number().int().nonnegative() }),
]);

export type FileVersion = z.infer<typeof fileVersionSchema>;

/** Why a file's earlier content is not in the store. */
export const unknownReasons = ['too-large', 'not-captured', 'unreadable'] as const;
export type UnknownReason = (typeof unknownReasons)[number];

/**
 * A file before a step. `bytes` means the blob is in the store (a restore can write it back);
 * `unknown` means the step changed the file but its earlier content was not kept. `changedInTurn`
 * marks content captured just before Tandem's first write of the turn when the file had already
 * changed on disk during that turn (a command, a hook or the person), so it is the state just
 * before that write rather than the state when the turn began.
 */
export const beforeVersionSchema = z.union([
  fileVersionSchema,
  z.object({ kind: z.literal('unknown'), reason: z.enum(unknownReasons) }),
]);

export type BeforeVersion = z.infer<typeof beforeVersionSchema>;

const pathSchema = z.string().min(1);
const stepIdSchema = z.number().int().positive();

/** A file a finished step changed: what it was before and what the step left. */
export const stepFileSchema = z.object({
  path: pathSchema,
  /** Absent when the before was journaled on its own line (`before` record) during the turn. */
  before: beforeVersionSchema.optional(),
  changedInTurn: z.boolean().optional(),
  after: fileVersionSchema,
});

export type StepFile = z.infer<typeof stepFileSchema>;

/**
 * One line of a session's checkpoint journal (JSONL, appended only). A turn opens with `turn`,
 * records each file's content as it is captured (`before`, so a turn cut short by a crash still
 * knows what it overwrote) and closes with `turn-end`, which lists exactly the files the turn
 * changed. A `restore` is a step of its own, so the chain of versions stays unbroken and a restore
 * can itself be undone. `prune` forgets the steps before an id (storage limit).
 */
export const checkpointRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('turn'),
    id: stepIdSchema,
    at: z.number(),
    /** The first line of the person's message, for lists. */
    label: z.string(),
  }),
  z.object({
    type: z.literal('before'),
    id: stepIdSchema,
    path: pathSchema,
    before: beforeVersionSchema,
    changedInTurn: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('turn-end'),
    id: stepIdSchema,
    at: z.number(),
    files: z.array(stepFileSchema),
    /** Whether the workspace scan saw every file; false past the file limit. */
    scanComplete: z.boolean(),
  }),
  z.object({
    type: z.literal('restore'),
    id: stepIdSchema,
    at: z.number(),
    /** The step whose "before" state was restored. */
    target: stepIdSchema,
    files: z.array(stepFileSchema.required({ before: true })),
  }),
  z.object({ type: z.literal('prune'), before: stepIdSchema, at: z.number() }),
]);

export type CheckpointRecord = z.infer<typeof checkpointRecordSchema>;

/** True when two versions name the same content (both missing, or the same hash). */
export function sameVersion(a: BeforeVersion | undefined, b: BeforeVersion | undefined): boolean {
  if (a === undefined || b === undefined || a.kind === 'unknown' || b.kind === 'unknown') return false;
  if (a.kind === 'absent' || b.kind === 'absent') return a.kind === b.kind;
  return a.hash === b.hash;
}
