import type { ImageSize } from '../messages/image-size';

/**
 * How a provider turns an image into input tokens; declared per model in the catalog, so the loop
 * counts images as the provider bills them and never as their base64 text.
 */
export type ImageTokenRule =
  /**
   * Anthropic: an image larger than `maxLongEdge` or `maxTokens` is first scaled down (aspect
   * kept); it then costs width × height / `pixelsPerToken`.
   */
  | { kind: 'pixels'; pixelsPerToken: number; maxLongEdge: number; maxTokens: number }
  /**
   * OpenAI GPT-4o, GPT-4.1, GPT-5 and o-series at high detail: fitted within `maxEdge` square,
   * then the short side scaled down to `shortEdge`; `baseTokens` plus `tileTokens` per square tile.
   */
  | {
      kind: 'tiles';
      baseTokens: number;
      tileTokens: number;
      tileSize: number;
      maxEdge: number;
      shortEdge: number;
    }
  /**
   * OpenAI mini and nano models: one patch per `patchSize` square, at most `maxPatches` (the image
   * is scaled down to fit), times the model's `multiplier`.
   */
  | { kind: 'patches'; patchSize: number; maxPatches: number; multiplier: number };

/** Anthropic's documented rule: about 750 pixels a token, long edge 1568, at most about 1,600 tokens. */
export const anthropicImageTokens: ImageTokenRule = {
  kind: 'pixels',
  pixelsPerToken: 750,
  maxLongEdge: 1568,
  maxTokens: 1600,
};

/** OpenAI's tile rule with a model's base and per-tile counts (512-pixel tiles, 2048 fit, 768 short side). */
export function openaiTileTokens(baseTokens: number, tileTokens: number): ImageTokenRule {
  return { kind: 'tiles', baseTokens, tileTokens, tileSize: 512, maxEdge: 2048, shortEdge: 768 };
}

/** OpenAI's patch rule with a model's multiplier (32-pixel patches, at most 1,536). */
export function openaiPatchTokens(multiplier: number): ImageTokenRule {
  return { kind: 'patches', patchSize: 32, maxPatches: 1536, multiplier };
}

/**
 * The input tokens one image costs under `rule`. An image whose size could not be read counts as
 * the most any image can cost under the rule, so a budget never under-counts it.
 */
export function countImageTokens(rule: ImageTokenRule, size: ImageSize | undefined): number {
  switch (rule.kind) {
    case 'pixels':
      return size ? pixelTokens(rule, size) : rule.maxTokens;
    case 'tiles':
      return tileTokens(rule, size);
    case 'patches':
      return Math.ceil(patchCount(rule, size) * rule.multiplier);
  }
}

function pixelTokens(rule: Extract<ImageTokenRule, { kind: 'pixels' }>, size: ImageSize): number {
  const pixels = size.width * size.height;
  const scale = Math.min(
    1,
    rule.maxLongEdge / Math.max(size.width, size.height),
    Math.sqrt((rule.maxTokens * rule.pixelsPerToken) / pixels),
  );
  return Math.min(rule.maxTokens, Math.ceil((pixels * scale * scale) / rule.pixelsPerToken));
}

function tileTokens(rule: Extract<ImageTokenRule, { kind: 'tiles' }>, size: ImageSize | undefined): number {
  // The largest image the rule allows is a short-edge by max-edge strip.
  let { width, height } = size ?? { width: rule.shortEdge, height: rule.maxEdge };
  const fit = Math.min(1, rule.maxEdge / Math.max(width, height));
  width *= fit;
  height *= fit;
  const shrink = Math.min(1, rule.shortEdge / Math.min(width, height));
  const tiles = Math.ceil((width * shrink) / rule.tileSize) * Math.ceil((height * shrink) / rule.tileSize);
  return rule.baseTokens + tiles * rule.tileTokens;
}

function patchCount(rule: Extract<ImageTokenRule, { kind: 'patches' }>, size: ImageSize | undefined): number {
  if (!size) return rule.maxPatches;
  const across = (pixels: number) => Math.ceil(pixels / rule.patchSize);
  const patches = across(size.width) * across(size.height);
  if (patches <= rule.maxPatches) return patches;
  const scale = Math.sqrt(rule.maxPatches / patches);
  const shrunk =
    Math.floor((size.width * scale) / rule.patchSize) * Math.floor((size.height * scale) / rule.patchSize);
  return Math.min(rule.maxPatches, shrunk);
}
