import { randomBytes } from 'node:crypto';
import { findFramework } from '../catalog/frameworks.js';
import { definePart, type PlannedFile } from '../engine/file-plan.js';
import { renderTemplate } from '../engine/templates.js';
import { appFiles, djangoKeyFile, djangoSecretKeySource, moduleLayout, userAppPaths, withAppOwner } from '../site/layout.js';

/** `yo azure-python:module`: the app, a bare WSGI module or a framework's project. */
export const modulePart = definePart({
  name: 'module',
  summary: 'the app: a WSGI module, or a Flask, Django or Bottle app',
  answers: ['module', 'moduleDir', 'framework', 'callable'],
  // A framework's app points at the site's static folder: the webconfig generator's answer, if any.
  // Where Django's key comes from follows from the host, the ARM template and the portal: answers of other parts.
  readsIfKnown: ['staticDir', 'host', 'provision', 'config'],
  inSite: () => true,
  plan: (answers, { overlay, holdsUserFile }) => {
    const layout = moduleLayout(withAppOwner(answers, holdsUserFile));
    // The user's own app is the site's app: nothing is written beside it, or in its place.
    const usersApp = userAppPaths(answers).filter(file => holdsUserFile?.(file));
    if (usersApp.length > 0) {
      return usersApp.map((file, index) => ({ path: file, kind: 'placeholder', contents: '', purpose: index === 0 ? `your app (${layout.wsgiHandler})` : 'your app, too' }));
    }
    const framework = findFramework(answers.framework);
    const data = { staticDir: answers.staticDir ?? '', ...layout };
    const what = framework.name === 'wsgi' ? 'WSGI application' : `${framework.name} app`;
    const files: PlannedFile[] = appFiles(answers).map(file => ({
      path: file.path,
      kind: 'generated',
      contents: renderTemplate('module', file.template, data, overlay),
      purpose: file.purpose ?? (file.path === layout.moduleFile ? `the ${what} (${layout.wsgiHandler})` : undefined),
    }));
    if (djangoSecretKeySource(answers) === 'key-file') {
      // Like django-admin startproject, a key of its own; written once, and kept.
      files.push({
        path: djangoKeyFile(answers),
        kind: 'placeholder',
        contents: `SECRET_KEY = '${randomBytes(32).toString('hex')}'\n`,
        purpose: 'the SECRET_KEY, made for this site and committed with it (see README.md)',
      });
    }
    // The file a reader opens first leads the list.
    return [...files.filter(file => file.path === layout.moduleFile), ...files.filter(file => file.path !== layout.moduleFile)];
  },
});
