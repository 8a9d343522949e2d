import { accessSync, constants, existsSync, lstatSync, readlinkSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';

/** A planned file's path that cannot be written as it is, and why, in words that end "...: <how to go on>". */
export interface BlockedPath {
  /** Relative to the site, / separated: the link or folder in the way. */
  readonly path: string;
  readonly reason: string;
  /** A link that --force may replace with the file; a folder is never removed. */
  readonly replaceable: boolean;
}

/**
 * What stands in the way of writing `paths` (relative to `root`) inside the site: a link,
 * among the path's folders or at its end, that leads outside the site or nowhere (writing
 * through it would write there), or a folder where a file goes. Checked before anything is
 * written, so that the run fails with one line instead of a bare EISDIR, or a write elsewhere.
 */
export function blockedPaths(root: string, paths: readonly string[]): BlockedPath[] {
  const realRoot = existsSync(root) ? realpathSync(root) : path.resolve(root);
  const blocked = new Map<string, BlockedPath>();
  for (const file of paths) {
    const segments = file.split('/');
    for (let index = 0; index < segments.length; index++) {
      const relative = segments.slice(0, index + 1).join('/');
      const full = path.join(root, ...segments.slice(0, index + 1));
      const stats = lstatSync(full, { throwIfNoEntry: false });
      if (!stats) break;
      if (stats.isSymbolicLink()) {
        const target = path.resolve(path.dirname(full), readlinkSync(full));
        const real = existsSync(full) ? realpathSync(full) : undefined;
        if (real === undefined) blocked.set(relative, { path: relative, reason: `a link to ${target}, which does not exist`, replaceable: true });
        else if (real !== realRoot && !real.startsWith(`${realRoot}${path.sep}`)) {
          blocked.set(relative, { path: relative, reason: `a link to ${real}, outside the site`, replaceable: true });
        }
        break;
      }
      if (index === segments.length - 1 && stats.isDirectory()) {
        blocked.set(relative, { path: relative, reason: 'a folder, where the site needs a file', replaceable: false });
      }
    }
  }
  return [...blocked.values()];
}

/**
 * The one line that refuses a run, when a file it would write (`plannedPaths`, and the kept
 * answers' .yo-rc.json) has a link or a folder in its way; undefined when nothing does. With
 * --force a link is the run's to replace (`replaceBlockingLinks`), so only a folder refuses.
 * It only reads: the bin calls it before Yeoman loads, the generators before they write.
 */
export function destinationRefusal(root: string, plannedPaths: readonly string[], force: boolean): string | undefined {
  const refused = blockedPaths(root, [...plannedPaths, '.yo-rc.json']).filter(entry => !force || !entry.replaceable);
  if (refused.length === 0) return undefined;
  const how = refused.every(entry => entry.replaceable) ? 'remove it, or run again with --force to replace the link with the file' : 'move it away, then run again';
  return `Not written: ${refused.map(entry => `${entry.path} is ${entry.reason}`).join('; ')}. Nothing was changed: ${how}.`;
}

/** With --force: removes the links in the way of `plannedPaths`, so that the files are written in the site. Only the link goes: what it points to is never touched. */
export function replaceBlockingLinks(root: string, plannedPaths: readonly string[]): void {
  for (const entry of blockedPaths(root, [...plannedPaths, '.yo-rc.json'])) {
    if (entry.replaceable) unlinkSync(path.join(root, ...entry.path.split('/')));
  }
}

/**
 * The one line that refuses a run that would change `changedPaths` (relative to `root`) when
 * one of them is read-only: its owner marked it so (chmod a-w, Windows' read-only attribute),
 * and a rename over it would succeed. Undefined when every one is writable or absent.
 */
export function readOnlyRefusal(root: string, changedPaths: readonly string[]): string | undefined {
  const readOnly = changedPaths.filter(file => {
    const full = path.join(root, ...file.split('/'));
    const stats = statSync(full, { throwIfNoEntry: false });
    if (!stats?.isFile()) return false;
    // The mode as well as access(): root may write anything, yet the owner's intent is the mode.
    if ((stats.mode & 0o222) === 0) return true;
    try {
      accessSync(full, constants.W_OK);
      return false;
    } catch {
      return true;
    }
  });
  if (readOnly.length === 0) return undefined;
  return `Not written: ${readOnly.join(', ')} ${readOnly.length === 1 ? 'is' : 'are'} read-only. Nothing was changed: make ${readOnly.length === 1 ? 'it' : 'them'} writable (chmod u+w, or clear the read-only attribute), then run again.`;
}
