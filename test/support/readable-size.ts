/**
 * How big a request is as the model reads it, shared by the scripted server's default usage, its
 * prompt-cache emulation and count_tokens, so every figure a test sees comes from one rule.
 */

/**
 * The value's size in characters (four a token): its JSON text, except that a base64 image counts
 * as its pixels do (a PNG's width × height / 750 tokens, like Anthropic; 1,600 tokens for other
 * formats), not as its base64 text.
 */
export function readableChars(value: unknown): number {
  const text = JSON.stringify(value ?? '', function (this: Record<string, unknown>, key, item: unknown) {
    const data = typeof item === 'string' ? imageData(this, key, item) : undefined;
    return data === undefined ? item : 'x'.repeat(4 * imageTokens(data));
  });
  return text.length;
}

/** The base64 of an image in either dialect: Anthropic's `source.data`, OpenAI's data URL. */
function imageData(holder: Record<string, unknown>, key: string, value: string): string | undefined {
  if (key === 'data' && holder.type === 'base64') return value;
  if (key === 'url') return /^data:image\/[\w+.-]+;base64,(.*)$/s.exec(value)?.[1];
  return undefined;
}

function imageTokens(base64: string): number {
  const header = Buffer.from(base64.slice(0, 32), 'base64');
  if (header.toString('latin1', 1, 4) !== 'PNG') return 1_600;
  return Math.min(1_600, Math.ceil((header.readUInt32BE(16) * header.readUInt32BE(20)) / 750));
}
