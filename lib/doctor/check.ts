export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One finding: what was checked, and for a WARN or FAIL the exact fix. */
export interface Check {
  readonly id: string;
  readonly status: CheckStatus;
  readonly message: string;
  readonly fix?: string;
  /** The fix as a change that --fix can apply, beside its words: for fixes that add one file or change one. */
  readonly change?: FileChange;
}

/** A file the fix creates, or attribute values it sets in one file (web.config). */
export type FileChange = FileCreation | FileEdit;

export interface FileCreation {
  /** Relative to the site, / separated. */
  readonly path: string;
  readonly kind: 'create';
  readonly contents: string;
}

export interface FileEdit {
  readonly path: string;
  readonly kind: 'update';
  readonly edits: readonly AttributeEdit[];
}

/** One attribute of one element set to a new value; `from` is what the file held (null: none). */
export interface AttributeEdit {
  /** The element, as lib/xml/dom.ts's elementPath names it: configuration/appSettings/add[@key='WSGI_HANDLER']. */
  readonly element: string;
  readonly attribute: string;
  readonly from: string | null;
  readonly to: string;
}

export function check(id: string, status: CheckStatus, message: string, fix?: string, change?: FileChange): Check {
  const found: Check = fix === undefined ? { id, status, message } : { id, status, message, fix };
  return change === undefined ? found : { ...found, change };
}
