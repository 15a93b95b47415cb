/** The providers Tandem talks to over their own APIs (the editor adds its `vscode-lm` models). */
export const providerNames = ['anthropic', 'openai'] as const;

/** One of {@link providerNames}. */
export type ProviderName = (typeof providerNames)[number];

/** What a provider runs when nothing else names a model. */
export interface ProviderDefaults {
  /** The model id. */
  model: string;
  /** The environment variable that names the provider's model, as its own tools read it. */
  modelVariable: string;
}

/** The one table of default models: the CLI, the Node composition and the editor all read it. */
export const providerDefaults: Readonly<Record<ProviderName, ProviderDefaults>> = {
  anthropic: { model: 'claude-sonnet-4-6', modelVariable: 'ANTHROPIC_MODEL' },
  openai: { model: 'gpt-5', modelVariable: 'OPENAI_MODEL' },
};

/** Where a model id may come from, most specific first; empty strings count as unset. */
export interface ModelChoice {
  provider: ProviderName;
  /** A flag or editor setting. */
  requested?: string;
  /** The `model` key of the merged settings files. */
  settings?: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** The model to run: the request, else settings, else the provider's variable, else its default. */
export function resolveModelId(choice: ModelChoice): string {
  const defaults = providerDefaults[choice.provider];
  const candidates = [choice.requested, choice.settings, choice.env[defaults.modelVariable]];
  return candidates.find((candidate) => candidate?.trim()) ?? defaults.model;
}
