/** The files a migration writes besides the Linux site's settings (lib/azure/linux.ts names those). */

/** The module the startup command serves: the app as wfastcgi found it, the health check, the static folders. */
export const wrapperModule = 'linux_app';
export const wrapperFile = `${wrapperModule}.py`;
export const migrationNotesFile = 'MIGRATION.md';
