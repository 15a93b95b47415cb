import type * as vscode from 'vscode';
import type { Logger } from '../../core/ports';

/** The core's Logger on a LogOutputChannel (the person picks the level in the Output view). */
export function outputLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (message, ...args) => channel.trace(message, ...args),
    debug: (message, ...args) => channel.debug(message, ...args),
    info: (message, ...args) => channel.info(message, ...args),
    warn: (message, ...args) => channel.warn(message, ...args),
    error: (message, ...args) => channel.error(message, ...args),
  };
}
