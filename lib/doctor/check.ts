export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One finding: what was checked, and for a WARN or FAIL the exact fix. */
export interface Check {
  readonly id: string;
  readonly status: CheckStatus;
  readonly message: string;
  readonly fix?: string;
  /** The fix as a change that --fix can apply, beside its words; only fixes that add a file have one. */
  readonly change?: FileChange;
}

/** A file the fix creates: --fix writes it (through the generators' conflict handling). */
export interface FileChange {
  /** Relative to the site, / separated. */
  readonly path: string;
  readonly kind: 'create';
  readonly contents: string;
}


export function check(id: string, status: CheckStatus, message: string, fix?: string, change?: FileChange): Check {
  const found: Check = fix === undefined ? { id, status, message } : { id, status, message, fix };
  return change === undefined ? found : { ...found, change };
}
