import type { Logger } from '../core/ports';

/** Warnings and errors always reach stderr; the rest only with --verbose. stdout stays for results. */
export function stderrLogger(verbose: boolean): Logger {
  const write =
    (level: string) =>
    (message: string, ...args: unknown[]) => {
      const extra = args.map((arg) => (arg instanceof Error ? arg.message : JSON.stringify(arg))).join(' ');
      process.stderr.write(`[tandem ${level}] ${message}${extra ? ` ${extra}` : ''}\n`);
    };
  const quiet = () => {};
  return {
    trace: verbose ? write('trace') : quiet,
    debug: verbose ? write('debug') : quiet,
    info: verbose ? write('info') : quiet,
    warn: write('warn'),
    error: write('error'),
  };
}
