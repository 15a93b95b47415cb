import { createHash } from 'node:crypto';
import { readableChars } from './readable-size';

/** Options of {@link PromptCacheEmulator}. */
export interface PromptCacheOptions {
  /** The shortest prefix, in tokens, that is written to the cache; default 1,024 (Claude Sonnet's floor). */
  minimumTokens?: number;
  /** How many blocks before a breakpoint are searched for an earlier entry; default 20. */
  lookbackBlocks?: number;
  /** Characters of a block's JSON per token; default 4. */
  charsPerToken?: number;
}

/** The three input counts of a Messages API `usage`, as the cache splits a request. */
export interface PromptCacheUsage {
  input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
}

/** Which part of the request a block belongs to, in the order the API hashes them. */
export type PromptSection = 'tools' | 'system' | 'messages';

/** One `cache_control` breakpoint of a request and what the cache did there. */
export interface CacheBreakpointReport {
  /** Index of the marked block in the flattened order: tools, system blocks, then message blocks. */
  block: number;
  section: PromptSection;
  /** For a message block: the index of its message. */
  message?: number;
  /** Tokens of the prefix ending with this block. */
  prefixTokens: number;
  /**
   * `read`: the longest hit ended here; `write`: this prefix was written; `covered`: a longer hit
   * already includes it; `too-short`: below the minimum, so neither read nor written.
   */
  outcome: 'read' | 'write' | 'covered' | 'too-short';
}

/** What the emulator decided for one request. */
export interface PromptCacheReport {
  usage: PromptCacheUsage;
  breakpoints: CacheBreakpointReport[];
  /** The block where the longest cache hit ended (found by a breakpoint's lookback); -1 for none. */
  readThroughBlock: number;
  totalTokens: number;
}

/** A request the real API would refuse, with its error message. */
export interface PromptCacheRefusal {
  message: string;
}

interface FlatBlock {
  section: PromptSection;
  message?: number;
  marked: boolean;
  cacheable: boolean;
  /** Identity of the block for the prefix hash: its section, role, message start and content. */
  key: string;
  chars: number;
}

const maxBreakpoints = 4;

/**
 * Anthropic's prompt caching, emulated for the scripted server. The prompt is the blocks in the
 * order the API reads them — each tool, each system block, each message content block — and the
 * cache key of a position is a hash of everything up to it. Only `cache_control` breakpoints
 * (explicit, or the top-level automatic one on the last cacheable block) are written. A
 * breakpoint finds an earlier entry at its own position or up to `lookbackBlocks` blocks before
 * it; the longest such hit is read, the prefix from there to the last breakpoint is written, and
 * the rest is plain input. Prefixes under `minimumTokens` are never cached. More than four
 * breakpoints is refused, as the API does. Tools with `defer_loading` are left out of the prefix
 * (the API expands them inline, where a search names them). TTLs are not modelled: entries live as long as the
 * emulator. Tokens are characters of each block's JSON ÷ `charsPerToken` (images by their pixels).
 */
export class PromptCacheEmulator {
  readonly #entries = new Set<string>();
  readonly #minimumTokens: number;
  readonly #lookback: number;
  readonly #charsPerToken: number;

  constructor(options: PromptCacheOptions = {}) {
    this.#minimumTokens = options.minimumTokens ?? 1_024;
    this.#lookback = options.lookbackBlocks ?? 20;
    this.#charsPerToken = options.charsPerToken ?? 4;
  }

  /** Tokens of the request's prompt, without touching the cache (count_tokens). */
  count(body: unknown): number {
    return Math.ceil(
      flatten(asRecord(body)).reduce((sum, block) => sum + block.chars, 0) / this.#charsPerToken,
    );
  }

  /** Splits one request's input into read, written and plain tokens, and records what it wrote. */
  apply(body: unknown): PromptCacheReport | PromptCacheRefusal {
    const request = asRecord(body);
    const blocks = flatten(request);
    const marked = blocks.flatMap((block, index) => (block.marked ? [index] : []));
    if (marked.length > maxBreakpoints)
      return {
        message: `A maximum of ${maxBreakpoints} blocks with cache_control may be provided. Found ${marked.length}.`,
      };
    if (marked.some((index) => !blocks[index]!.cacheable))
      return { message: 'cache_control cannot be set on thinking or redacted_thinking blocks.' };
    const hashes = prefixHashes(blocks, request);
    const tokens = prefixTokens(blocks, this.#charsPerToken);
    const total = tokens.at(-1) ?? 0;
    let readThrough = -1;
    for (const block of marked) {
      for (let position = block; position >= Math.max(0, block - this.#lookback); position -= 1) {
        if (this.#entries.has(hashes[position]!)) {
          readThrough = Math.max(readThrough, position);
          break;
        }
      }
    }
    const read = readThrough >= 0 ? tokens[readThrough]! : 0;
    const written = marked.filter((block) => block > readThrough && tokens[block]! >= this.#minimumTokens);
    for (const block of written) this.#entries.add(hashes[block]!);
    const last = written.at(-1);
    const creation = last === undefined ? 0 : tokens[last]! - read;
    return {
      usage: {
        input_tokens: total - read - creation,
        cache_read_input_tokens: read,
        cache_creation_input_tokens: creation,
      },
      breakpoints: marked.map((block) => ({
        block,
        section: blocks[block]!.section,
        ...(blocks[block]!.message === undefined ? {} : { message: blocks[block]!.message }),
        prefixTokens: tokens[block]!,
        outcome: outcomeAt(block, readThrough, tokens[block]! >= this.#minimumTokens),
      })),
      readThroughBlock: readThrough,
      totalTokens: total,
    };
  }
}

function outcomeAt(
  block: number,
  readThrough: number,
  longEnough: boolean,
): CacheBreakpointReport['outcome'] {
  if (block === readThrough) return 'read';
  if (block < readThrough) return 'covered';
  return longEnough ? 'write' : 'too-short';
}

/** Tools, system blocks and message blocks in the API's order; the automatic breakpoint applied. */
function flatten(request: Record<string, unknown>): FlatBlock[] {
  const blocks: FlatBlock[] = [];
  // A deferred tool is not part of the prefix: the API renders it where a tool_reference names it.
  for (const tool of arrayOf(request.tools).map(asRecord)) {
    if (tool.defer_loading !== true) blocks.push(flatBlock('tools', tool));
  }
  const system = request.system;
  const systemBlocks = typeof system === 'string' ? [{ type: 'text', text: system }] : arrayOf(system);
  for (const block of systemBlocks) blocks.push(flatBlock('system', asRecord(block)));
  for (const [index, message] of arrayOf(request.messages).entries()) {
    const { role, content } = asRecord(message);
    const parts = typeof content === 'string' ? [{ type: 'text', text: content }] : arrayOf(content);
    for (const [position, part] of parts.entries()) {
      const block = flatBlock('messages', asRecord(part), { role: String(role), starts: position === 0 });
      blocks.push({ ...block, message: index });
    }
  }
  if (isRecord(request.cache_control)) {
    const last = blocks.findLastIndex((block) => block.cacheable);
    if (last >= 0) blocks[last]!.marked = true;
  }
  return blocks;
}

function flatBlock(
  section: PromptSection,
  block: Record<string, unknown>,
  message?: { role: string; starts: boolean },
): FlatBlock {
  const { cache_control: cacheControl, ...content } = block;
  const type = content.type;
  return {
    section,
    marked: isRecord(cacheControl),
    cacheable: type !== 'thinking' && type !== 'redacted_thinking',
    key: stableJson({ section, ...message, content }),
    chars: readableChars(content),
  };
}

/**
 * The cache key of each position. The model seeds the chain; settings that invalidate the message
 * cache (thinking, tool_choice) join it where the messages begin.
 */
function prefixHashes(blocks: readonly FlatBlock[], request: Record<string, unknown>): string[] {
  let previous = createHash('sha256').update(String(request.model)).digest('hex');
  const settings = stableJson({ thinking: request.thinking, tool_choice: request.tool_choice });
  return blocks.map((block, index) => {
    const startsMessages = block.section === 'messages' && blocks[index - 1]?.section !== 'messages';
    const hash = createHash('sha256').update(previous);
    if (startsMessages) hash.update(settings);
    previous = hash.update(block.key).digest('hex');
    return previous;
  });
}

function prefixTokens(blocks: readonly FlatBlock[], charsPerToken: number): number[] {
  let chars = 0;
  return blocks.map((block) => {
    chars += block.chars;
    return Math.ceil(chars / charsPerToken);
  });
}

/** JSON with sorted keys: the API reads content, not key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isRecord(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))) : item,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
