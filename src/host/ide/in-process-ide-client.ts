import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

/**
 * Connects `server` to one end of a linked in-memory pair and returns the other end, not yet
 * started: hand it to any MCP client (`client.connect(transport)`). Closing either side closes both.
 */
export async function linkInProcess(server: McpServer): Promise<Transport> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  return clientSide;
}

/** An SDK `Client`, initialized, talking to `server` in-process; `client.close()` ends both. */
export async function connectInProcessClient(
  server: McpServer,
  clientInfo: { name: string; version: string } = { name: 'tandem', version: '0.0.0' },
): Promise<Client> {
  const client = new Client(clientInfo);
  await client.connect(await linkInProcess(server));
  return client;
}
