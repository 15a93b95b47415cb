import type { ContentBlock, ImageBlock, Message } from '../messages/message';
import { imageSize } from '../messages/image-size';
import { anthropicImageTokens, countImageTokens } from '../model/image-tokens';
import type { ImageTokenRule } from '../model/image-tokens';

/**
 * A rough token count: characters ÷ 4, rounded up. Good enough for budgets and benchmarks; use the
 * provider's usage figures when exact numbers matter.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * The estimated input tokens of one message: its text, thinking and tool input at four characters a
 * token, each image by `imageTokens` (its pixel size, never its base64). Pure; costs time in
 * proportion to the message's text, and next to nothing per image.
 */
export function estimateMessageTokens(
  message: Message,
  imageTokens: ImageTokenRule = anthropicImageTokens,
): number {
  return message.content.reduce((sum, block) => sum + blockTokens(block, imageTokens), 0);
}

function blockTokens(block: ContentBlock, rule: ImageTokenRule): number {
  switch (block.type) {
    case 'text':
      return estimateTokens(block.text);
    case 'thinking':
      return estimateTokens(block.thinking);
    case 'redacted_thinking':
      return estimateTokens(block.data);
    case 'tool_use':
      return estimateTokens(block.name) + estimateTokens(JSON.stringify(block.input) ?? '');
    case 'image':
      return imageTokens(block, rule);
    case 'tool_result':
      return typeof block.content === 'string'
        ? estimateTokens(block.content)
        : block.content.reduce((sum, part) => sum + blockTokens(part, rule), 0);
  }
}

function imageTokens(image: ImageBlock, rule: ImageTokenRule): number {
  return countImageTokens(rule, imageSize(image));
}
