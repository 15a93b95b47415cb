import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../core/ports';
import { guardRequest, ideToken } from './request-guard';
import { WebSocketServerTransport } from './websocket-server-transport';

/** The largest frame accepted: `openDiff` carries whole files (the official server allows 100 MiB). */
const maxPayloadBytes = 100 * 1024 * 1024;

const statusText: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden' };

/** Options of {@link startIdeWebSocketServer}. */
export interface IdeWebSocketServerOptions {
  token: string;
  /** Connects a fresh MCP server to the transport of one accepted client. */
  accept(transport: Transport, client: { userAgent: string }): Promise<void>;
  logger: Logger;
  /** 0 (default) lets the system pick a free port. */
  port?: number;
}

/** A running IDE WebSocket server. */
export interface IdeWebSocketServer {
  readonly port: number;
  /** Clients connected now. */
  readonly clientCount: number;
  /** Closes every client and stops listening. */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: 401 | 403): void {
  socket.end(`HTTP/1.1 ${status} ${statusText[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * The IDE protocol's transport (§1.5): WebSocket on 127.0.0.1 only. A connection is refused with
 * HTTP 401/403 before the upgrade unless it has no `Origin`, a loopback `Host` and the token in
 * `X-Claude-Code-Ide-Authorization`. The `mcp` subprotocol is echoed when offered (the CLI drops
 * the socket otherwise), none is chosen when none is offered. Several clients may connect.
 */
export async function startIdeWebSocketServer(
  options: IdeWebSocketServerOptions,
): Promise<IdeWebSocketServer> {
  const { logger } = options;
  const sockets = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: maxPayloadBytes,
    handleProtocols: (protocols) => (protocols.has('mcp') ? 'mcp' : false),
  });
  const http = createServer((_request, response) => {
    response.writeHead(426, { 'content-type': 'text/plain', connection: 'close' });
    response.end('This is an MCP WebSocket server.\n');
  });
  let port = 0;
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = guardRequest(request.headers, {
      port,
      token: options.token,
      credential: ideToken(request.headers),
    });
    if (!verdict.ok) {
      logger.warn(`ide bridge: refused a connection: ${verdict.reason}`);
      refuse(socket, verdict.status);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      const userAgent = request.headers['user-agent'] ?? 'unknown client';
      options.accept(new WebSocketServerTransport(client), { userAgent }).catch((error: unknown) => {
        logger.error('ide bridge: could not start a session', error);
        client.close(1011);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    get clientCount() {
      return sockets.clients.size;
    },
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
