/** A value given on the command line, in an answers file or kept in .yo-rc.json that breaks its rule. */
export class InvalidAnswerError extends Error {
  constructor(
    readonly source: string,
    readonly rule: string,
    readonly shown: string | undefined,
  ) {
    super(shown === undefined ? `${source}: ${rule}` : `${source}: ${shown} is not allowed: ${rule}`);
    this.name = 'InvalidAnswerError';
  }

  /** The same error, naming the value by another name (the API's key for a CLI option). */
  renamed(source: string): InvalidAnswerError {
    return new InvalidAnswerError(source, this.rule, this.shown);
  }
}

/** How much of a value an error line shows: enough to recognise it, never a screenful. */
export const maxShownLength = 80;

/**
 * A value as an error line shows it: JSON-quoted, so that control characters are escaped
 * (no terminal escape from a user's file reaches the terminal), C1 controls and line
 * separators too, and cut to about 80 characters.
 */
export function shownValue(value: unknown): string {
  const quoted = escapedControls(JSON.stringify(value) ?? String(value));
  if (quoted.length <= maxShownLength) return quoted;
  return `${quoted.slice(0, maxShownLength - 1)}…" (${typeof value === 'string' ? value.length : quoted.length} characters)`;
}

/** `text` with every control character (C0, DEL, C1) and line separator written as \\uXXXX: a line of it never drives a terminal. */
export function escapedControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, character => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Where JSON.parse stopped, as a line and column: never the snippet of the text its message quotes. */
export function jsonErrorPosition(text: string, error: unknown): string {
  const position = /position (\d+)/.exec((error as Error).message)?.[1];
  if (position === undefined) return 'it ends too soon, or holds what JSON does not allow';
  const before = text.slice(0, Number(position)).split('\n');
  return `line ${before.length}, column ${before.at(-1)!.length + 1}`;
}
