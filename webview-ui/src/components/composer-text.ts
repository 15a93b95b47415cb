/**
 * The message box holds two things: the messages sent but not yet acknowledged by the host
 * (shown first, fixed: they leave the box only once the host has them) and what the person typed
 * after them, which stays editable so a fast typist loses nothing while the host answers.
 */

/** The box's text: each message on its way on its own line, then what is typed after them. */
export function boxText(sending: readonly string[], typed: string): string {
  return [...sending, typed].filter((part) => part !== '').join('\n');
}

/**
 * What is typed after the messages on their way, read from the box's new value; undefined when the
 * change touches a message already sent (it cannot be edited any more, only added to).
 */
export function typedAfter(sending: readonly string[], value: string): string | undefined {
  const fixed = boxText(sending, '');
  if (fixed === '') return value;
  if (value.startsWith(`${fixed}\n`)) return value.slice(fixed.length + 1);
  return value.startsWith(fixed) ? value.slice(fixed.length) : undefined;
}
