import type { ToolResultBlock } from '../../messages/message';
import type { ToolResultStore } from '../../ports';
import { countLines, cutMiddleText } from '../../text/cut-middle';

/**
 * Layer 1 of the context pipeline: a tool result too long for the context is saved to the
 * session's folder and replaced by a preview and the path, which Read can open. It runs on each
 * turn of results before it enters the history, so the history, the transcript and every later
 * request carry the same preview (a result replaced later would change the cached prefix).
 */

/** The limits of one turn of results. */
export interface ResultBudget {
  /** The cap of the tool that made the call `toolUseId` (its `maxResultChars`), in characters. */
  limitOf(toolUseId: string): number;
  /** Characters one turn of results may carry in all (parallel reads add up). */
  turnLimit: number;
}

/** A result that must leave the context, with its whole text. */
export interface OversizedResult {
  toolUseId: string;
  text: string;
  /** The cap it broke: its tool's, or its share of the turn's. */
  limit: number;
}

/** Characters of a saved result the preview shows. */
export const previewChars = 2_000;

/** A turn's limit for a model's window: a quarter of it at four characters a token, at most 200,000. */
export function turnLimitFor(window: number): number {
  return Math.min(200_000, Math.floor(window * 4 * 0.25));
}

/**
 * Which results leave the context: each over its tool's limit (or over the turn's, whichever is
 * less), then, while the turn is still over its limit, the largest of the rest. Only text counts;
 * a result with images is left to the image rule. Pure.
 */
export function oversizedResults(
  blocks: readonly ToolResultBlock[],
  budget: ResultBudget,
): OversizedResult[] {
  const texts = blocks.flatMap((block) => {
    const text = textOf(block);
    return text === undefined ? [] : [{ toolUseId: block.toolUseId, text }];
  });
  const chosen = new Map<string, OversizedResult>();
  for (const { toolUseId, text } of texts) {
    const limit = Math.min(budget.limitOf(toolUseId), budget.turnLimit);
    if (text.length > limit) chosen.set(toolUseId, { toolUseId, text, limit });
  }
  let total = texts.reduce(
    (sum, { toolUseId, text }) => sum + (chosen.has(toolUseId) ? previewChars : text.length),
    0,
  );
  const largestFirst = texts
    .filter(({ toolUseId }) => !chosen.has(toolUseId))
    .sort((a, b) => b.text.length - a.text.length);
  for (const { toolUseId, text } of largestFirst) {
    if (total <= budget.turnLimit || text.length <= previewChars) break;
    chosen.set(toolUseId, { toolUseId, text, limit: previewChars });
    total -= text.length - previewChars;
  }
  return [...chosen.values()];
}

/** What stands in the context for a saved result: its size, where it is, how to read it, its start. */
export function savedResultPreview(text: string, path: string): string {
  const size = `${text.length.toLocaleString('en-US')} characters (${(countLines(text) + 1).toLocaleString('en-US')} lines)`;
  const head = text.slice(0, previewChars);
  const lineEnd = head.lastIndexOf('\n');
  // A preview that ends on a whole line reads better, unless that throws most of it away.
  const preview = lineEnd > previewChars / 2 ? head.slice(0, lineEnd) : head;
  return `[This result is ${size}, too long for the context. All of it is saved in ${path}: read it with Read (offset and limit) or search it with Grep. Its first ${preview.length.toLocaleString('en-US')} characters:]\n${preview}\n[…]`;
}

/** The results with the contents of those named in `replacements` replaced; the others as they were. Pure. */
export function replaceResults(
  blocks: readonly ToolResultBlock[],
  replacements: ReadonlyMap<string, string>,
): ToolResultBlock[] {
  return blocks.map((block) => {
    const content = replacements.get(block.toolUseId);
    return content === undefined ? block : { ...block, content };
  });
}

/**
 * Fits one turn of results to its budget: each oversized result is saved (`store`) and replaced by
 * its preview; without a store, or when saving fails, it is cut in the middle to its limit with a
 * note that says so. Returns the same array when nothing was over. Never throws.
 */
export async function fitToolResults(
  blocks: ToolResultBlock[],
  options: { budget: ResultBudget; store?: ToolResultStore },
): Promise<ToolResultBlock[]> {
  const oversized = oversizedResults(blocks, options.budget);
  if (oversized.length === 0) return blocks;
  const replacements = new Map<string, string>();
  for (const result of oversized) {
    const saved = options.store
      ? await options.store.save({ toolUseId: result.toolUseId, text: result.text })
      : undefined;
    replacements.set(
      result.toolUseId,
      saved?.ok ? savedResultPreview(result.text, saved.path) : cutMiddleText(result.text, result.limit),
    );
  }
  return replaceResults(blocks, replacements);
}

function textOf(block: ToolResultBlock): string | undefined {
  if (typeof block.content === 'string') return block.content;
  if (block.content.some((part) => part.type !== 'text')) return undefined;
  return block.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}
