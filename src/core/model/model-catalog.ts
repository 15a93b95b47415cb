import type { ImageTokenRule } from './image-tokens';
import { anthropicImageTokens, openaiPatchTokens, openaiTileTokens } from './image-tokens';
import type { ModelInfo } from './model-client';

/** What a person may declare about a model the catalog does not know (a local model, a proxy alias). */
export interface ModelOverrides {
  contextWindow?: number;
  maxOutputTokens?: number;
  editTool?: ModelInfo['editTool'];
  supportsImages?: boolean;
  pricing?: ModelInfo['pricing'];
}

interface ModelFamily {
  /** Matched against the id without any `vendor/` prefix (OpenRouter, LiteLLM), lower-cased. */
  pattern: RegExp;
  contextWindow: number;
  maxOutputTokens: number;
  editTool: ModelInfo['editTool'];
  supportsImages: boolean;
  imageTokens: ImageTokenRule;
  pricing: NonNullable<ModelInfo['pricing']>;
}

const claudePrice = (input: number, output: number): ModelFamily['pricing'] => ({
  input,
  output,
  cacheRead: input / 10,
  cacheWrite: input * 1.25,
});

// OpenAI bills no cache writes: a write costs the plain input price.
const openaiPrice = (input: number, output: number, cacheRead: number): ModelFamily['pricing'] => ({
  input,
  output,
  cacheRead,
  cacheWrite: input,
});

const claude = (pattern: RegExp, maxOutputTokens: number, pricing: ModelFamily['pricing']): ModelFamily => ({
  pattern,
  contextWindow: 200_000,
  maxOutputTokens,
  editTool: 'edit',
  supportsImages: true,
  imageTokens: anthropicImageTokens,
  pricing,
});

const gpt = (
  pattern: RegExp,
  window: { contextWindow: number; maxOutputTokens: number },
  pricing: ModelFamily['pricing'],
  imageTokens: ImageTokenRule,
): ModelFamily => ({
  pattern,
  ...window,
  editTool: 'apply_patch',
  supportsImages: true,
  imageTokens,
  pricing,
});

const gpt5Window = { contextWindow: 400_000, maxOutputTokens: 128_000 };
const gpt41Window = { contextWindow: 1_047_576, maxOutputTokens: 32_768 };
const gpt4oWindow = { contextWindow: 128_000, maxOutputTokens: 16_384 };
const oSeriesWindow = { contextWindow: 200_000, maxOutputTokens: 100_000 };

// First match wins, so the more specific ids (mini, nano, newer minor versions) come first.
const families: readonly ModelFamily[] = [
  // Fifth-generation tiers are priced like the 4.5 generation until the table learns better.
  claude(/^claude-opus-5/, 64_000, claudePrice(5, 25)),
  claude(/^claude-sonnet-5/, 64_000, claudePrice(3, 15)),
  claude(/^claude-haiku-5/, 64_000, claudePrice(1, 5)),
  claude(/^claude-opus-4-(?:[5-9]|\d\d)/, 64_000, claudePrice(5, 25)),
  claude(/^claude-opus-4/, 32_000, claudePrice(15, 75)),
  claude(/^claude-sonnet-4/, 64_000, claudePrice(3, 15)),
  claude(/^claude-haiku-4/, 64_000, claudePrice(1, 5)),
  claude(/^claude-3-5-haiku/, 8_192, claudePrice(0.8, 4)),
  claude(/^claude-3-5-sonnet/, 8_192, claudePrice(3, 15)),
  claude(/^claude-3-7-sonnet/, 64_000, claudePrice(3, 15)),
  gpt(/^gpt-5(?:\.\d+)?-nano/, gpt5Window, openaiPrice(0.05, 0.4, 0.005), openaiPatchTokens(2.46)),
  gpt(/^gpt-5(?:\.\d+)?-mini/, gpt5Window, openaiPrice(0.25, 2, 0.025), openaiPatchTokens(1.62)),
  gpt(/^gpt-5/, gpt5Window, openaiPrice(1.25, 10, 0.125), openaiTileTokens(70, 140)),
  gpt(/^gpt-4\.1-nano/, gpt41Window, openaiPrice(0.1, 0.4, 0.025), openaiPatchTokens(2.46)),
  gpt(/^gpt-4\.1-mini/, gpt41Window, openaiPrice(0.4, 1.6, 0.1), openaiPatchTokens(1.62)),
  gpt(/^gpt-4\.1/, gpt41Window, openaiPrice(2, 8, 0.5), openaiTileTokens(85, 170)),
  gpt(/^gpt-4o-mini/, gpt4oWindow, openaiPrice(0.15, 0.6, 0.075), openaiTileTokens(2833, 5667)),
  gpt(/^gpt-4o/, gpt4oWindow, openaiPrice(2.5, 10, 1.25), openaiTileTokens(85, 170)),
  gpt(/^o4-mini/, oSeriesWindow, openaiPrice(1.1, 4.4, 0.275), openaiPatchTokens(1.72)),
  gpt(/^o3-mini/, oSeriesWindow, openaiPrice(1.1, 4.4, 0.55), openaiTileTokens(75, 150)),
  gpt(/^o3/, oSeriesWindow, openaiPrice(2, 8, 0.5), openaiTileTokens(75, 150)),
];

interface VendorDefaults {
  pattern: RegExp;
  defaults: Required<Omit<ModelInfo, 'id' | 'provider' | 'pricing'>>;
}

// A new id of a known vendor keeps the vendor's habits (edit tool, images) even without a price.
const vendors: readonly VendorDefaults[] = [
  {
    pattern: /^claude-/,
    defaults: {
      contextWindow: 200_000,
      maxOutputTokens: 32_000,
      editTool: 'edit',
      supportsImages: true,
      imageTokens: anthropicImageTokens,
    },
  },
  {
    pattern: /^(?:gpt-|o\d)/,
    defaults: {
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      editTool: 'apply_patch',
      supportsImages: true,
      imageTokens: openaiTileTokens(85, 170),
    },
  },
];

/** The default for ids no family nor vendor matches: sized for a typical local model, no price, no images. */
export const unknownModelDefaults = {
  contextWindow: 128_000,
  maxOutputTokens: 8_192,
  editTool: 'edit',
  supportsImages: false,
  imageTokens: anthropicImageTokens,
} as const satisfies Omit<ModelInfo, 'id' | 'provider'>;

/** Options of {@link describeModel}. */
export interface DescribeModelOptions {
  /** The `ModelInfo.provider` to report, e.g. `anthropic` or `openai`. */
  provider: string;
  /** Declared values; each one wins over the catalog. */
  overrides?: ModelOverrides;
}

/**
 * What Tandem knows about a model id: a pure table lookup by family prefix (a `vendor/` prefix is
 * ignored), then the person's overrides. Never throws: an unknown id gets {@link unknownModelDefaults}.
 */
export function describeModel(modelId: string, options: DescribeModelOptions): ModelInfo {
  const bare = modelId.slice(modelId.lastIndexOf('/') + 1).toLowerCase();
  const family = families.find((candidate) => candidate.pattern.test(bare));
  const base: ModelInfo = family
    ? {
        id: modelId,
        provider: options.provider,
        contextWindow: family.contextWindow,
        maxOutputTokens: family.maxOutputTokens,
        editTool: family.editTool,
        supportsImages: family.supportsImages,
        imageTokens: family.imageTokens,
        pricing: { ...family.pricing },
      }
    : {
        id: modelId,
        provider: options.provider,
        ...(vendors.find((vendor) => vendor.pattern.test(bare))?.defaults ?? unknownModelDefaults),
      };
  return { ...base, ...definedOnly(options.overrides ?? {}) };
}

function definedOnly(overrides: ModelOverrides): ModelOverrides {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
