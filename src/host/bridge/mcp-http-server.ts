import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { Logger } from '../../core/ports';
import { bearerToken, guardRequest } from './request-guard';

/** The path of the endpoint: `http://127.0.0.1:<port>/mcp`. */
export const mcpHttpPath = '/mcp';

/** Sessions kept at most; the oldest is closed beyond it (clients that never said goodbye). */
const maxSessions = 32;

/** Options of {@link startMcpHttpServer}. */
export interface McpHttpServerOptions {
  token: string;
  /** A fresh MCP server for each new session. */
  createServer(): McpServer;
  logger: Logger;
  /** Tried first, so a copied config keeps working across restarts; a busy port falls back to a free one. */
  preferredPort?: number;
}

/** A running streamable HTTP endpoint. */
export interface McpHttpServer {
  readonly port: number;
  readonly url: string;
  readonly sessionCount: number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
}

function sendStatus(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'text/plain', ...headers });
  response.end(`${body}\n`);
}

async function listen(server: Server, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Every IDE tool as an ordinary MCP server (streamable HTTP, the SDK's transport, one MCP server per
 * session) on 127.0.0.1, for agents that show their model only what a normal server offers. Each
 * request must carry `Authorization: Bearer <token>`, no `Origin` and a loopback `Host`.
 */
export async function startMcpHttpServer(options: McpHttpServerOptions): Promise<McpHttpServer> {
  const { logger } = options;
  const sessions = new Map<string, Session>();
  let port = 0;

  const openSession = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const server = options.createServer();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server });
        const oldest = sessions.size > maxSessions ? [...sessions.keys()][0] : undefined;
        if (oldest) void sessions.get(oldest)?.server.close();
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(request, response);
    // Anything but an initialize request leaves no session behind.
    if (!transport.sessionId) await server.close();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if ((request.url ?? '').split('?')[0] !== mcpHttpPath) return sendStatus(response, 404, 'Not found');
    const verdict = guardRequest(request.headers, {
      port,
      token: options.token,
      credential: bearerToken(request.headers),
    });
    if (!verdict.ok) {
      logger.warn(`mcp endpoint: refused a request: ${verdict.reason}`);
      const challenge: Record<string, string> =
        verdict.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
      return sendStatus(
        response,
        verdict.status,
        verdict.status === 401 ? 'Unauthorized' : 'Forbidden',
        challenge,
      );
    }
    const sessionId = request.headers['mcp-session-id'];
    if (typeof sessionId !== 'string') return openSession(request, response);
    const session = sessions.get(sessionId);
    // 404 tells the client to start a new session (the window was reloaded, or the session ended).
    if (!session) return sendStatus(response, 404, 'Session not found');
    await session.transport.handleRequest(request, response);
  };

  const http = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error('mcp endpoint: request failed', error);
      if (!response.headersSent) sendStatus(response, 500, 'Internal error');
      else response.end();
    });
  });
  try {
    await listen(http, options.preferredPort ?? 0);
  } catch (error) {
    if (!options.preferredPort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    logger.info(`mcp endpoint: port ${options.preferredPort} is taken; using a free one`);
    await listen(http, 0);
  }
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `http://127.0.0.1:${port}${mcpHttpPath}`,
    get sessionCount() {
      return sessions.size;
    },
    close: async () => {
      await Promise.allSettled([...sessions.values()].map((session) => session.server.close()));
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
