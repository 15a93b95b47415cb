import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import WebSocket from 'ws';

/**
 * The MCP SDK's client side of a WebSocket with headers, as the `claude` CLI opens it (the SDK's own
 * WebSocketClientTransport cannot send headers): for tests and benches that drive the bridge with
 * the SDK's `Client`.
 */
export class WebSocketClientTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  #socket: WebSocket | undefined;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
  ) {}

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, ['mcp'], { headers: this.headers });
      this.#socket = socket;
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: HTTP ${response.statusCode ?? 0}`)),
      );
      socket.once('error', reject);
      socket.on('message', (data) => {
        const parsed = JSONRPCMessageSchema.safeParse(JSON.parse(String(data)));
        if (parsed.success) this.onmessage?.(parsed.data);
        else this.onerror?.(new Error('invalid JSON-RPC message'));
      });
      socket.on('close', () => this.onclose?.());
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.#socket?.send(JSON.stringify(message));
  }

  async close(): Promise<void> {
    this.#socket?.close();
  }
}
