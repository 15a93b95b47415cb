import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCode, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import type { RawData, WebSocket } from 'ws';

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

/**
 * The MCP SDK's server side of one accepted WebSocket: one JSON-RPC message per text frame, each
 * validated with the SDK's own schema. Frames that arrive before `start()` are kept, not lost.
 */
export class WebSocketServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly #socket: WebSocket;
  #early: JSONRPCMessage[] | undefined = [];

  constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.#receive(textOf(data)));
    socket.on('close', () => this.onclose?.());
    socket.on('error', (error) => this.onerror?.(error));
  }

  async start(): Promise<void> {
    const early = this.#early ?? [];
    this.#early = undefined;
    for (const message of early) this.onmessage?.(message);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.#write(JSON.stringify(message));
  }

  async close(): Promise<void> {
    this.#socket.close(1000);
  }

  #receive(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.onerror?.(new Error('Parse error: the frame is not JSON'));
      // As the SDK's own HTTP transport answers it: no id can be known.
      void this.#write(
        JSON.stringify({
          jsonrpc: '2.0',
          id: null,
          error: { code: ErrorCode.ParseError, message: 'Parse error' },
        }),
      ).catch(() => undefined);
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      this.onerror?.(new Error('Invalid JSON-RPC message'));
      return;
    }
    if (this.#early) this.#early.push(parsed.data);
    else this.onmessage?.(parsed.data);
  }

  #write(text: string): Promise<void> {
    if (this.#socket.readyState !== this.#socket.OPEN) return Promise.reject(new Error('Not connected'));
    return new Promise((resolve, reject) => {
      this.#socket.send(text, (error) => (error ? reject(error) : resolve()));
    });
  }
}
