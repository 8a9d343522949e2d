import { armTemplate } from '../azure/arm-template.js';
import { appServiceLinux, linuxAppSettingsFile, linuxCommands, linuxTemplateFile, mergeAppSettingsFile } from '../azure/linux.js';
import { findPythonRuntime, type LinuxRuntime } from '../catalog/runtimes.js';
import type { PlannedFile } from '../engine/file-plan.js';
import { renderTemplate } from '../engine/templates.js';
import { requirementsPlan } from '../site/requirements.js';
import type { Migration } from './migration.js';
import { migrationNotesFile, wrapperFile, wrapperModule } from './names.js';

/** The files a migration writes, in the order they are written (MIGRATION.md, which lists them, last). */
export function migrationFiles(migration: Migration, overlay: string | undefined, removed: boolean): PlannedFile[] {
  const { answers } = migration;
  const files: PlannedFile[] = [];
  if (migration.wrapper) {
    files.push({
      path: wrapperFile,
      kind: 'generated',
      contents: renderTemplate('migrate', 'linux_app.py.ejs', { ...migration.wrapper }, overlay),
      purpose: `what gunicorn serves: the app as wfastcgi imported it, ${appServiceLinux.healthPath}${migration.staticFolders.length > 0 ? ', and WhiteNoise for the static folders' : ''}`,
    });
  }
  files.push({ ...requirementsPlan(migration.requirements.lines, answers.python), purpose: `the site's packages, with ${migration.requirements.packages.join(' and ')} for Linux (Oryx installs them)` });
  files.push({
    path: linuxAppSettingsFile,
    kind: 'merged',
    generated: `${JSON.stringify(migration.appSettings, undefined, 2)}\n`,
    merge: mergeAppSettingsFile,
    purpose: 'the app settings: the Windows site\'s own, and the build at deployment (az webapp config appsettings set)',
  });
  const template = armTemplate(
    { ...answers, interpreter: '', wfastcgi: '', config: 'webconfig', siteRoot: '', wsgiLog: '', usersProject: true },
    { appCommandLine: migration.startupCommand, appSettings: migration.appSettings, healthCheck: migration.healthCheck },
  );
  files.push({ path: linuxTemplateFile, kind: 'generated', contents: `${JSON.stringify(template, undefined, 2)}\n`, purpose: 'creates the Linux plan and site, with the startup command and app settings' });
  const listed = files.map(file => ({ path: file.path, purpose: file.purpose! }));
  const notes = { path: migrationNotesFile, purpose: 'what each setting and rule of the Windows site became, and what is left to do' };
  files.push({ path: migrationNotesFile, kind: 'generated', contents: migrationNotes(migration, [...listed, notes], overlay, removed), purpose: notes.purpose });
  return files;
}

/** The Azure CLI commands that move the site: a new Linux site from the template, or a Linux site of the user's configured. */
export function migrationCommands(migration: Migration): string[] {
  const { answers } = migration;
  const site = `-g <resource-group> -n ${answers.siteName}`;
  return [
    '# a new Linux site, from the template:',
    `az deployment group create -g <resource-group> --template-file ${linuxTemplateFile} --parameters siteName=${answers.siteName}`,
    '# or a Linux site made already:',
    ...linuxCommands({ ...answers, module: wrapperModule }, migration.startupCommand),
    ...(migration.healthCheck ? [`az webapp config set ${site} --generic-configurations '{"healthCheckPath": "${appServiceLinux.healthPath}"}'`] : []),
  ];
}

function migrationNotes(migration: Migration, files: { path: string; purpose: string }[], overlay: string | undefined, removed: boolean): string {
  const { rows } = migration;
  const sections = [
    { title: 'The site', rows: rows.other },
    { title: 'App settings', rows: rows.settings },
    { title: 'URL Rewrite rules', rows: rows.rules },
    { title: 'IIS settings', rows: rows.iis },
  ].map(section => ({ title: section.title, rows: section.rows.map(row => ({ ...row, what: cell(row.what), was: cell(row.was), becomes: cell(row.becomes), todo: row.todo === true })) }));
  const todo = [rows.other, rows.settings, rows.rules, rows.iis].flat().filter(row => row.todo);
  return renderTemplate(
    'migrate',
    'MIGRATION.md.ejs',
    {
      siteName: migration.answers.siteName,
      configuredIn: migration.windows.configuredIn,
      startupCommand: migration.startupCommand,
      runtime: (findPythonRuntime(migration.answers.python) as LinuxRuntime).linuxFxVersion,
      wrapperFile: migration.wrapper ? wrapperFile : '',
      sections,
      todo,
      unservedFiles: migration.unservedFiles,
      files,
      commands: migrationCommands(migration),
      localCommand: `pip install -r requirements.txt, then ${migration.startupCommand}`,
      removed,
    },
    overlay,
  );
}

/** A Markdown table cell: its pipes escaped, on one line. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
