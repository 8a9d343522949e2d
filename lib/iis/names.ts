import { lockFileName } from '../engine/run/lock.js';

/** The names IIS sees in a generated site: files, handler and rule names, and what request filtering hides. */

/** The placeholder the `rewrite` handler is mapped to: with resourceType="Either" the path must exist on disk. */
export const handlerPlaceholder = 'handler.fcgi';
/** On --host iis: what the administrator runs once. */
export const iisSetupScript = 'setup-iis.ps1';
export const pythonHandlerName = 'PythonHandler';
export const pythonRuleName = 'Configure Python';
export const staticRuleName = 'Static folder';
/** The file written in the static folder, so that it exists and can be tried: /<folder>/hello.txt. */
export const staticSampleName = 'hello.txt';

/**
 * What request filtering hides by default. A hidden segment is refused anywhere in a URL, so
 * it also refuses an app route of the same name: each entry's comment says so.
 */
export const hiddenSegments = [
  { segment: '.yo-rc.json', what: "this generator's answers" },
  { segment: '.gitignore', what: "git's list of ignored files" },
  { segment: 'requirements.txt', what: 'the Python dependencies' },
  { segment: 'runtime.txt', what: "the Python version for Azure's deployment" },
  { segment: 'env', what: "the virtualenv Azure's deployment creates" },
  { segment: '__pycache__', what: "Python 3's bytecode folder" },
  { segment: 'README.md', what: "the site's own notes" },
  { segment: '.github', what: 'the GitHub Actions workflow that deploys the site' },
  { segment: 'MIGRATION.md', what: 'the notes on moving the site to App Service on Linux' },
  { segment: lockFileName, what: 'the file that says a generator run is writing the site' },
] as const;

/**
 * What IIS itself hides in every site (applicationHost.config's requestFiltering defaults, for
 * ASP.NET's folders), whatever web.config says.
 */
export const iisDefaultHiddenSegments = ['web.config', 'bin', 'App_Code', 'App_GlobalResources', 'App_LocalResources', 'App_WebReferences', 'App_Data', 'App_Browsers'] as const;

export const iisSetupSegment = { segment: iisSetupScript, what: "the administrator's set-up script" };
export const provisioningSegment = { segment: 'azure', what: 'the ARM template that creates the site' };

export const hiddenExtensions = [
  { extension: '.pyc', what: 'Python bytecode' },
  { extension: '.pyo', what: 'optimised Python bytecode' },
] as const;

