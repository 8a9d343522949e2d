import { createHash } from 'node:crypto';

/*
 * What the generators last wrote to each file of a site, kept in .yo-rc.json beside the answers
 * as hashes: a file that still hashes to what was written is the generator's to update, and a
 * file whose plan is unchanged since then was edited by its owner, whose edit stands. Hashes of
 * the texts themselves, not of answers re-rendered, so a new release's templates never make a
 * file look edited.
 */

/** The key in .yo-rc.json (beside the answers) under which the records are kept, by file. */
export const fileRecordsKey = 'files';

/** One file's record: hashes of what its plan gave and of what was written (a merge: the file whole). */
export interface FileRecord {
  readonly planned: string;
  readonly written: string;
}

export type FileRecords = Readonly<Record<string, FileRecord>>;

export function contentHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

const hashPattern = /^sha256-[A-Za-z0-9+/]{43}=$/;

/**
 * The records kept in .yo-rc.json: a cloned repository's file is untrusted, so anything that
 * is not a record of two well-formed hashes is ignored (that file then counts as the user's).
 */
export function readFileRecords(kept: Readonly<Record<string, unknown>>): FileRecords {
  const stored = kept[fileRecordsKey];
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const records: Record<string, FileRecord> = {};
  for (const [file, record] of Object.entries(stored)) {
    const { planned, written } = (record ?? {}) as Record<string, unknown>;
    if (typeof planned === 'string' && typeof written === 'string' && hashPattern.test(planned) && hashPattern.test(written)) {
      Object.defineProperty(records, file, { value: { planned, written }, enumerable: true });
    }
  }
  return records;
}

/** A file as this run writes it: the text its plan gave, and the text written (a merge: the file whole). */
export interface WrittenFile {
  readonly path: string;
  readonly planned: string;
  readonly contents: string;
}

/** The records once `written` are on disk; every other file keeps its record, so an edit a run kept stays its owner's. */
export function recordsAfter(records: FileRecords, written: readonly WrittenFile[]): FileRecords {
  const after: Record<string, FileRecord> = {};
  const put = (file: string, record: FileRecord) => Object.defineProperty(after, file, { value: record, enumerable: true, writable: true });
  for (const [file, record] of Object.entries(records)) put(file, record);
  for (const file of written) put(file.path, { planned: contentHash(file.planned), written: contentHash(file.contents) });
  return after;
}

export function sameRecords(a: FileRecords, b: FileRecords): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(key => Object.hasOwn(b, key) && a[key]!.planned === b[key]!.planned && a[key]!.written === b[key]!.written)
  );
}
