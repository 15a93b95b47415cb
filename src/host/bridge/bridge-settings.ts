import * as vscode from 'vscode';
import { z } from 'zod';

const schema = z.object({
  enabled: z.boolean().catch(true),
  claudeCodeExtension: z.enum(['ask', 'tandem', 'claudeCode']).catch('ask'),
  skipClaudeCodeExtensionInstall: z.boolean().catch(true),
});

/** `tandem.bridge.*` after validation: a bad value falls back to its default. */
export type BridgeSettings = z.infer<typeof schema>;

/** Reads and validates `tandem.bridge.*`. */
export function readBridgeSettings(): BridgeSettings {
  const configuration = vscode.workspace.getConfiguration('tandem.bridge');
  return schema.parse({
    enabled: configuration.get('enabled'),
    claudeCodeExtension: configuration.get('claudeCodeExtension'),
    skipClaudeCodeExtensionInstall: configuration.get('skipClaudeCodeExtensionInstall'),
  });
}
