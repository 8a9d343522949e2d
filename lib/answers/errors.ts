/** A value given on the command line, in an answers file or kept in .yo-rc.json that breaks its rule. */
export class InvalidAnswerError extends Error {
  constructor(
    readonly source: string,
    readonly rule: string,
    shownValue: string | undefined,
  ) {
    super(shownValue === undefined ? `${source}: ${rule}` : `${source}: ${shownValue} is not allowed: ${rule}`);
    this.name = 'InvalidAnswerError';
  }
}
