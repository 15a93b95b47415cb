import type { ModelClient } from '../../core/model/model-client';
import type { HostSettings } from '../config/host-settings';
import type { ApiKeyStore } from '../secrets/api-key-store';

/** The default model per provider when `tandem.model` is empty. */
export const defaultModels: Record<HostSettings['provider'], string> = {
  anthropic: 'claude-sonnet-4-5',
  openai: 'gpt-5',
  'vscode-lm': '',
};

/** A client for the configured provider, or an actionable reason there is none. Never throws. */
export type ModelClientResult =
  | { ok: true; client: ModelClient; model: string }
  | { ok: false; code: string; message: string; action?: 'set-api-key' | 'open-settings' };

/**
 * Builds the provider's client. Provider modules load lazily so activation stays cheap. A missing
 * key is reported here (with the Set API Key action) unless a base URL or gateway token is set, in
 * which case the server decides.
 */
export async function createModelClient(settings: HostSettings, keys: ApiKeyStore): Promise<ModelClientResult> {
  const model = settings.model || defaultModels[settings.provider];
  if (settings.provider === 'vscode-lm') {
    const { VscodeLmClient } = await import('../lm/vscode-lm-client');
    return { ok: true, client: new VscodeLmClient(), model };
  }
  if (settings.provider === 'anthropic') {
    const { key } = await keys.resolve('anthropic');
    const baseUrl = settings.anthropicBaseUrl || undefined;
    if (!key && !process.env['ANTHROPIC_AUTH_TOKEN']) return missingKey('Anthropic');
    const { AnthropicClient } = await import('../../node/providers/anthropic-client');
    return { ok: true, client: new AnthropicClient({ apiKey: key, baseUrl }), model };
  }
  return {
    ok: false,
    code: 'provider-unavailable',
    message: 'The OpenAI-compatible provider is not wired into the editor yet. Pick "anthropic" or "vscode-lm" in the Tandem settings.',
    action: 'open-settings',
  };
}

function missingKey(provider: string): ModelClientResult {
  return {
    ok: false,
    code: 'missing-api-key',
    message: `No ${provider} API key. Run "Tandem: Set API Key", set the environment variable, or switch the provider to the editor's language models.`,
    action: 'set-api-key',
  };
}
