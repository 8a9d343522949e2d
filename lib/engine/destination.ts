import { existsSync, lstatSync, readlinkSync, realpathSync, unlinkSync } from 'node:fs';
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

/** The one line for what is in the way, or undefined when nothing is; with `force`, the links are replaced. */
export function clearBlockedPaths(root: string, blocked: readonly BlockedPath[], force: boolean): string | undefined {
  const refused = blocked.filter(entry => !force || !entry.replaceable);
  if (refused.length > 0) {
    const how = refused.every(entry => entry.replaceable) ? 'remove it, or run again with --force to replace the link with the file' : 'move it away, then run again';
    return `Not written: ${refused.map(entry => `${entry.path} is ${entry.reason}`).join('; ')}. Nothing was changed: ${how}.`;
  }
  // Only the link goes: what it points to is never touched.
  for (const entry of blocked) unlinkSync(path.join(root, ...entry.path.split('/')));
  return undefined;
}

/**
 * The line that refuses a run before anything loads, when a file `generator` would write for
 * these (complete) answers has a link or a folder in its way; undefined when nothing is. With
 * --force, links are the run's to replace, so only folders refuse.
 */
export function destinationRefusal(
  root: string,
  plannedPaths: readonly string[],
  force: boolean,
): string | undefined {
  const blocked = blockedPaths(root, [...plannedPaths, '.yo-rc.json']).filter(entry => !force || !entry.replaceable);
  return blocked.length === 0 ? undefined : clearBlockedPaths(root, blocked, false);
}
