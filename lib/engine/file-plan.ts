import type { AnswerName, AnswersOf, HostName, SiteAnswers } from '../answers/model.js';
import { contentHash, type FileRecord } from './file-history.js';

/** How a merge changes a file the user may have written (see lib/iis/merge.ts). */
export interface FileMerge {
  /** The file to write: the existing text itself when nothing changes. */
  readonly text: string;
  /** `addition` keeps everything the file had; `modification` changes or removes something in it. */
  readonly change: 'none' | 'addition' | 'modification';
  readonly changes: readonly { readonly kind: 'addition' | 'modification'; readonly description: string }[];
  /** What the user's file holds that will fail on the site, one line each (a pin the site's Python cannot install). */
  readonly warnings?: readonly string[];
}

/** A file a generator writes, and how it treats a file already at that path. */
export type PlannedFile = PlannedContents & {
  /** What the file is for, in the end message and the site's README; none for a file not worth listing. */
  readonly purpose?: string;
  /**
   * Why only this exact name will do: a file of the name in another case then refuses the run
   * with this reason, instead of being written to under its own name.
   */
  readonly exactName?: string;
};

type PlannedContents =
  /**
   * Wholly the generator's: rewritten from the answers. With `userFileWins`, a file of that
   * name the generator did not write (a project's own README.md) is left alone, not a conflict.
   */
  | { readonly path: string; readonly kind: 'generated'; readonly contents: string; readonly userFileWins?: true }
  /** The generator's entries merged into the user's file. */
  | {
      readonly path: string;
      readonly kind: 'merged';
      readonly generated: string;
      readonly merge: (existing: string, generated: string) => FileMerge;
      /** Whether a run says which entries it adds to the user's file, one line (requirements.txt's packages). */
      readonly announceAdditions?: true;
    }
  /** Only needs to exist: a file already there is kept, whatever it holds. */
  | { readonly path: string; readonly kind: 'placeholder'; readonly contents: string }
  /**
   * A correction of the file as it is (the doctor's fix): whoever wrote the file, only its owner
   * can approve it, so any change is a conflict; it is never recorded as the generator's text.
   */
  | { readonly path: string; readonly kind: 'edit'; readonly edit: (existing: string) => FileMerge };

/**
 * What happens to one file: `create`, `identical`, `keep` (left alone), `update` (a change to
 * what the generator itself wrote, or that only adds: applied without a question), or
 * `conflict` (a change to something the user wrote: Yeoman asks).
 */
export interface FileDecision {
  readonly path: string;
  readonly action: 'create' | 'identical' | 'keep' | 'update' | 'conflict';
  readonly contents: string;
  /** For a conflict: what would change, in words. */
  readonly reasons: readonly string[];
  /** For an update of a user's file that only adds: what it adds, in words. */
  readonly additions?: readonly string[];
  /** An update that keeps everything the file held and adds to it: its status line says `append`. */
  readonly onlyAdds?: true;
  /** What the user's file holds that will fail on the site (FileMerge's warnings). */
  readonly warnings?: readonly string[];
}

/** What `file`'s plan gave, whatever the file already holds: what a record's `planned` hashes. */
export function plannedText(file: PlannedFile): string {
  if (file.kind === 'edit') return '';
  return file.kind === 'merged' ? file.generated : file.contents;
}

/** What is known of a file's past: what the previous answers plan there, and what was last written. */
export interface FileHistory {
  /** The file the previous answers (those kept in .yo-rc.json) plan at that path, rendered now. */
  readonly previous?: PlannedFile;
  /** Hashes of what the plan gave and what was written there last (see file-history.ts). */
  readonly record?: FileRecord;
}

/**
 * Decides what to do with `file`, given the text now at its path (undefined: no file) and its
 * history. A file that still holds what was last written there was not edited: bringing it up
 * to date loses nothing. A file edited since, whose plan is unchanged, is kept as its owner left
 * it, unless `forced` (--force: the generator's text over every edit). Anything else that would
 * change is the user's work, and a conflict.
 */
export function decide(file: PlannedFile, existing: string | undefined, history: FileHistory = {}, forced = false): FileDecision {
  const decision = (action: FileDecision['action'], contents: string, reasons: string[] = []): FileDecision => ({
    path: file.path,
    action,
    contents,
    reasons,
  });
  if (file.kind === 'placeholder') {
    return existing === undefined ? decision('create', file.contents) : decision('keep', existing);
  }
  if (file.kind === 'edit') {
    if (existing === undefined) return decision('keep', '');
    const edited = file.edit(existing);
    return edited.change === 'none' ? decision('identical', existing) : decision('conflict', edited.text, edited.changes.map(change => change.description));
  }
  const { previous, record } = history;
  const asWritten = record !== undefined && existing !== undefined && contentHash(existing) === record.written;
  const editedSincePlanUnchanged = !forced && record !== undefined && !asWritten && contentHash(plannedText(file)) === record.planned;
  if (file.kind === 'generated') {
    if (existing === undefined) return decision('create', file.contents);
    if (existing === file.contents) return decision('identical', existing);
    if (asWritten || (previous?.kind === 'generated' && existing === previous.contents)) return decision('update', file.contents);
    if (editedSincePlanUnchanged) return decision('keep', existing);
    if (file.userFileWins && record === undefined && !(previous?.kind === 'generated' && previous.path === file.path)) return decision('keep', existing);
    return decision('conflict', file.contents, ['it differs from what the generator wrote']);
  }
  if (existing === undefined) return decision('create', file.generated);
  // Still the file a previous run created from its plan alone: written afresh, in the template's own layout.
  const createdAndUnedited = asWritten ? record.planned === record.written : previous?.kind === 'merged' && existing === previous.generated;
  if (createdAndUnedited) return decision(existing === file.generated ? 'identical' : 'update', file.generated);
  const merge = file.merge(existing, file.generated);
  const decisionOf = (action: FileDecision['action'], contents: string, reasons: string[] = []): FileDecision =>
    merge.warnings?.length ? { warnings: merge.warnings, ...decision(action, contents, reasons) } : decision(action, contents, reasons);
  if (merge.change === 'none') return decisionOf('identical', existing);
  if (asWritten) return decisionOf('update', merge.text);
  // An entry the owner removed or changed since, while the plan stayed the same, stays as they left it.
  if (editedSincePlanUnchanged) return decisionOf('keep', existing);
  if (merge.change === 'addition') {
    const additions = merge.changes.map(change => change.description);
    return { onlyAdds: true, ...(additions.length > 0 ? { additions } : {}), ...decisionOf('update', merge.text) };
  }
  // The entries that change are the generator's own, as the previous run left them: no edit is lost.
  if (previous?.kind === 'merged' && file.merge(existing, previous.generated).change === 'none') return decisionOf('update', merge.text);
  const reasons = merge.changes.filter(change => change.kind === 'modification').map(change => change.description);
  return decisionOf('conflict', merge.text, reasons);
}

/** The one-line error for conflicts that cannot be asked about (no terminal, no --force). */
export function unaskableConflictsError(conflicts: readonly FileDecision[]): Error {
  const files = conflicts.map(conflict => `${conflict.path} (${conflict.reasons.join('; ')})`).join(', ');
  return new Error(
    `Not overwritten without a terminal to ask: ${files}. Run again in a terminal to review each change, or with --force to apply them.`,
  );
}

/** A file of the site with what it is for: the end message and the site's README list them. */
export interface SiteFile {
  /** Relative to the site root, / separated. */
  readonly path: string;
  readonly purpose: string;
}

/** What a plan is rendered with besides the answers. */
export interface PlanContext {
  /** A --templates overlay folder, absolute, or undefined for the packaged templates. */
  readonly overlay?: string;
  /** Every file of the site these answers describe (the site's README lists them). */
  readonly siteFiles: () => readonly SiteFile[];
  /**
   * Whether the site holds a file at `path` (relative, / separated) that no run of the generator
   * wrote: the user's own. A path ending in / is a folder: whether it holds such a file.
   */
  readonly holdsUserFile?: (path: string) => boolean;
  /** The text of the site's file at `path` (relative, / separated) as it is now, whoever wrote it; undefined for none. */
  readonly readSiteFile?: (path: string) => string | undefined;
}

/**
 * One part of a site, as a generator writes it (`yo azure-python:<name>`): the answers it
 * needs, whether a whole site has it, and its files. The registry, the app's composition and
 * the end message's file list all derive from the parts.
 */
export interface Part<
  Name extends string = string,
  Names extends readonly AnswerName[] = readonly AnswerName[],
  Known extends readonly AnswerName[] = readonly AnswerName[],
> {
  readonly name: Name;
  readonly summary: string;
  /** The answers it asks for (and keeps in .yo-rc.json). */
  readonly answers: Names;
  /** Answers that other parts ask for, used here when given or kept, else empty. */
  readonly readsIfKnown?: Known;
  /** Whether it commits the files of the run (--no-commit). */
  readonly commitOption?: true;
  /** Options it presets unless given (the linux part is the linux host's). */
  readonly presetOptions?: Readonly<Record<string, string>>;
  /** Refuses answers this part cannot write, with the InvalidAnswerError that says why. */
  readonly check?: (answers: AnswersOf<Names>) => void;
  /** The hosts it writes for, if not every one, and why: the host question offers only these, and another is refused at once. */
  readonly hosts?: { readonly names: readonly HostName[]; readonly why: string };
  /** Whether a whole site (`yo azure-python`) has this part. */
  readonly inSite: (answers: SiteAnswers) => boolean;
  readonly plan: (answers: AnswersOf<Names> & Partial<AnswersOf<Known>>, context: PlanContext) => PlannedFile[];
}

/** A part, with the type of its answers taken from the const lists of their names. */
export function definePart<const Name extends string, const Names extends readonly AnswerName[], const Known extends readonly AnswerName[] = []>(
  part: Part<Name, Names, Known>,
): Part<Name, Names, Known> {
  return part;
}
