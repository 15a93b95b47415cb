import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as vscode from 'vscode';
import type { ExecutionApproval } from '../../../src/host/ide/execution/code-executor';
import { tandemApi } from './tandem-api';

/** An SDK client on the extension's own IDE server, in-process, as Tandem's agent will connect. */
export async function connectIde(approval?: ExecutionApproval): Promise<Client> {
  const { integration } = await (await tandemApi()).ide();
  const client = new Client({ name: 'integration-test', version: '1' });
  await client.connect(await integration.connectInProcess(approval ? { approval } : {}));
  return client;
}

/** Calls a tool and returns its result. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text blocks of a result. */
export function textsOf(result: CallToolResult): string[] {
  return result.content.flatMap((block) => (block.type === 'text' ? [block.text] : []));
}

/** The first text block as JSON. */
export function jsonOf(result: CallToolResult): unknown {
  return JSON.parse(textsOf(result)[0] ?? 'null') as unknown;
}

/** Every tab of every group. */
export function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs);
}
