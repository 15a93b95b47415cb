import * as vscode from 'vscode';
import type { BridgeSettings } from './bridge-settings';

/** Anthropic's own VS Code extension, which runs an IDE server of its own. */
export const claudeCodeExtensionId = 'anthropic.claude-code';

/**
 * Whether Tandem should be the IDE the `claude` CLI connects to in this window. Two IDE servers
 * for one folder make the CLI connect to neither (and fight over `CLAUDE_CODE_SSE_PORT`), so with
 * Anthropic's extension installed Tandem steps aside until the person picks Tandem.
 */
export function servesClaudeCli(settings: BridgeSettings, installed = claudeCodeInstalled()): boolean {
  return !installed || settings.claudeCodeExtension === 'tandem';
}

/** Whether Anthropic's extension is installed in this window. */
export function claudeCodeInstalled(): boolean {
  return vscode.extensions.getExtension(claudeCodeExtensionId) !== undefined;
}

/**
 * Asks once which extension should serve the CLI, and saves the answer in
 * `tandem.bridge.claudeCodeExtension` (the bridge restarts on that change). Dismissing it asks again
 * next time the window starts.
 */
export async function askWhichServesClaudeCli(): Promise<void> {
  const tandem = 'Tandem';
  const claudeCode = 'Claude Code';
  const choice = await vscode.window.showInformationMessage(
    "Anthropic's Claude Code extension is installed too. Which one should the claude CLI in this window's terminals connect to? (Tandem's own agent uses Tandem either way.)",
    tandem,
    claudeCode,
  );
  if (!choice) return;
  await vscode.workspace
    .getConfiguration('tandem.bridge')
    .update(
      'claudeCodeExtension',
      choice === tandem ? 'tandem' : 'claudeCode',
      vscode.ConfigurationTarget.Global,
    );
}
