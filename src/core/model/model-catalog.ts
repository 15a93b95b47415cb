import type { ImageTokenRule } from './image-tokens';
import { anthropicImageTokens, openaiPatchTokens, openaiTileTokens } from './image-tokens';
import type { ModelInfo } from './model-client';
import { listPrice } from './model-prices';

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
}

const claude = (pattern: RegExp, maxOutputTokens: number): ModelFamily => ({
  pattern,
  contextWindow: 200_000,
  maxOutputTokens,
  editTool: 'edit',
  supportsImages: true,
  imageTokens: anthropicImageTokens,
});

const gpt = (
  pattern: RegExp,
  window: { contextWindow: number; maxOutputTokens: number },
  imageTokens: ImageTokenRule,
): ModelFamily => ({
  pattern,
  ...window,
  editTool: 'apply_patch',
  supportsImages: true,
  imageTokens,
});

const gpt5Window = { contextWindow: 400_000, maxOutputTokens: 128_000 };
const gpt41Window = { contextWindow: 1_047_576, maxOutputTokens: 32_768 };
const gpt4oWindow = { contextWindow: 128_000, maxOutputTokens: 16_384 };
const oSeriesWindow = { contextWindow: 200_000, maxOutputTokens: 100_000 };

// First match wins, so the more specific ids (mini, nano, newer minor versions) come first.
// Prices live in their own table (model-prices.ts): they change more often than windows do.
const families: readonly ModelFamily[] = [
  claude(/^claude-(?:opus|sonnet|haiku)-5/, 64_000),
  claude(/^claude-opus-4-(?:[5-9]|\d\d)/, 64_000),
  claude(/^claude-opus-4/, 32_000),
  claude(/^claude-(?:sonnet|haiku)-4/, 64_000),
  claude(/^claude-3-5-(?:haiku|sonnet)/, 8_192),
  claude(/^claude-3-7-sonnet/, 64_000),
  gpt(/^gpt-5(?:\.\d+)?-nano/, gpt5Window, openaiPatchTokens(2.46)),
  gpt(/^gpt-5(?:\.\d+)?-mini/, gpt5Window, openaiPatchTokens(1.62)),
  gpt(/^gpt-5/, gpt5Window, openaiTileTokens(70, 140)),
  gpt(/^gpt-4\.1-nano/, gpt41Window, openaiPatchTokens(2.46)),
  gpt(/^gpt-4\.1-mini/, gpt41Window, openaiPatchTokens(1.62)),
  gpt(/^gpt-4\.1/, gpt41Window, openaiTileTokens(85, 170)),
  gpt(/^gpt-4o-mini/, gpt4oWindow, openaiTileTokens(2833, 5667)),
  gpt(/^gpt-4o/, gpt4oWindow, openaiTileTokens(85, 170)),
  gpt(/^o4-mini/, oSeriesWindow, openaiPatchTokens(1.72)),
  gpt(/^o3/, oSeriesWindow, openaiTileTokens(75, 150)),
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
 * ignored), its list price ({@link listPrice}), then the person's overrides. Never throws: an
 * unknown id gets {@link unknownModelDefaults} and no price.
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
      }
    : {
        id: modelId,
        provider: options.provider,
        ...(vendors.find((vendor) => vendor.pattern.test(bare))?.defaults ?? unknownModelDefaults),
      };
  const pricing = listPrice(modelId);
  return { ...base, ...(pricing ? { pricing } : {}), ...definedOnly(options.overrides ?? {}) };
}

function definedOnly(overrides: ModelOverrides): ModelOverrides {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
