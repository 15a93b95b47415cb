import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import WebSocket from 'ws';

/**
 * MCP over a WebSocket (`"type": "ws"` entries), one JSON-RPC message per text frame, offering the
 * `mcp` subprotocol. Our own because the SDK's WebSocketClientTransport cannot send headers (the
 * browser WebSocket API has none) and relies on a global WebSocket that Node 20 lacks; `ws` does both.
 */
export class WebSocketClientTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  #socket: WebSocket | undefined;

  constructor(
    private readonly url: URL,
    private readonly headers: Record<string, string>,
  ) {}

  start(): Promise<void> {
    if (this.#socket) throw new Error('WebSocketClientTransport already started');
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, ['mcp'], { headers: this.headers });
      this.#socket = socket;
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`the WebSocket upgrade was refused with HTTP ${response.statusCode ?? 0}`));
        socket.terminate();
      });
      socket.on('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      socket.on('message', (data, isBinary) => this.#receive(isBinary ? undefined : String(data)));
      socket.on('close', () => this.onclose?.());
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) throw new Error('the WebSocket is not open');
    await new Promise<void>((resolve, reject) =>
      socket.send(JSON.stringify(message), (error) => (error ? reject(error) : resolve())),
    );
  }

  async close(): Promise<void> {
    this.#socket?.close();
  }

  #receive(text: string | undefined): void {
    let raw: unknown;
    try {
      raw = text === undefined ? undefined : JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = JSONRPCMessageSchema.safeParse(raw);
    if (parsed.success) this.onmessage?.(parsed.data);
    else this.onerror?.(new Error('the server sent a frame that is not a JSON-RPC message'));
  }
}
