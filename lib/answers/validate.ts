import { templateModuleNames } from '../catalog/frameworks.js';
import { builtinNames, reservedModuleNames } from '../catalog/python-stdlib.js';
import { scmGitUrl } from '../azure/endpoints.js';
import { handlerPlaceholder, hiddenSegments, iisDefaultHiddenSegments, provisioningSegment } from '../iis/names.js';

/**
 * Each validator returns undefined for a value it accepts, or the rule the value breaks,
 * worded so that it completes "<option>: <value> is not allowed: <rule>".
 */
export type Validator = (value: string) => string | undefined;

// Python 2.7 and 3.x keywords together: the generated module must import on both.
const pythonKeywords = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'exec', 'finally', 'for', 'from', 'global', 'if',
  'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'print', 'raise', 'return',
  'try', 'while', 'with', 'yield',
]);

// Device names Windows refuses as file or folder names, whatever the extension or case.
const windowsReservedName = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

// Python 2.7 only knows ASCII identifiers.
const asciiIdentifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

const identifierRule =
  'a Python identifier (ASCII letters, digits and _, not starting with a digit) that is not a Python keyword';

export const maxIdentifierLength = 64;

function pythonIdentifierProblem(value: string): string | undefined {
  if (!asciiIdentifier.test(value) || pythonKeywords.has(value)) {
    return `use ${identifierRule}, at most ${maxIdentifierLength} characters`;
  }
  if (value.length > maxIdentifierLength) {
    return `use at most ${maxIdentifierLength} characters`;
  }
  return undefined;
}

export const validateModuleName: Validator = value => {
  const problem = pythonIdentifierProblem(value);
  if (problem) return problem;
  if (windowsReservedName.test(value)) {
    return 'it is a device name Windows reserves (CON, NUL, COM1, ...): choose another module name';
  }
  if (reservedModuleNames.has(value)) {
    return 'a standard-library module of that name would be imported instead: choose another module name';
  }
  return undefined;
};

export const validateCallableName: Validator = value => {
  const problem = pythonIdentifierProblem(value);
  if (problem) return problem;
  if (builtinNames.has(value)) return "it is one of Python's built-in names (len, str, ...), which the module itself uses: choose another name";
  return undefined;
};

/** Why a generated module cannot define its app under `callable`: a name the template uses itself (an app of the user's may). */
export function generatedModuleNameProblem(callable: string): string | undefined {
  return templateModuleNames.has(callable) ? 'the generated module already uses that name (an import, a view or its local server): choose another name' : undefined;
}

export const validateSiteName: Validator = value =>
  /^[A-Za-z0-9][A-Za-z0-9-]{0,58}[A-Za-z0-9]$/.test(value)
    ? undefined
    : 'an Azure site name has 2 to 60 letters, digits and hyphens, and does not start or end with a hyphen';

export const maxSiteRootLength = 200;

const windowsPathRule = `an absolute Windows path such as D:\\home\\site\\wwwroot (a drive letter, then folders separated by \\ and no \\ at the end; no / : * ? " < > |, typographic quotes or control characters; no . or .. folders), at most ${maxSiteRootLength} characters`;

export const validateWindowsPath: Validator = value => {
  const match = /^[A-Za-z]:\\(.*)$/.exec(value);
  if (!match || value.length > maxSiteRootLength) return `use ${windowsPathRule}`;
  const folders = match[1];
  if (folders === '') return undefined;
  const valid = folders
    .split('\\')
    .every(
      folder =>
        folder !== '' &&
        // Typographic quotes (U+2018 to U+201E) are quotes to PowerShell: setup-iis.ps1 takes these paths.
        !/[\u0000-\u001f\u007f/:*?"<>|\u2018-\u201e]/.test(folder) &&
        !/[. ]$/.test(folder) &&
        !windowsReservedName.test(folder),
    );
  return valid ? undefined : `use ${windowsPathRule}`;
};

export const maxStaticFolderLength = 100;

const staticFolderRule = `a folder of the site such as static or assets/static: names of ASCII letters, digits, _ - and . (not first, not last), separated by /, at most ${maxStaticFolderLength} characters`;

const moduleFolderRule = `. for the site root, or a folder of the site such as src or apps/shop: names of ASCII letters, digits, _ - and . (not first, not last), separated by /, at most ${maxStaticFolderLength} characters`;

/** The module's folder, relative to the site root: it goes into PYTHONPATH and server commands. */
export const validateModuleFolder: Validator = value => {
  if (value === '.') return undefined;
  const names = value.split('/');
  const valid =
    value.length <= maxStaticFolderLength &&
    names.every(name => /^[A-Za-z0-9_-]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/.test(name) && !windowsReservedName.test(name));
  return valid ? undefined : `use ${moduleFolderRule}`;
};

/** A folder of the site, relative to its root: it becomes a URL prefix and a Windows folder. */
export const validateStaticFolder: Validator = value => {
  if (value.length > maxStaticFolderLength) return `use ${staticFolderRule}`;
  const names = value.split('/');
  const valid = names.every(name => /^[A-Za-z0-9_-]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$/.test(name) && !windowsReservedName.test(name));
  if (!valid) return `use ${staticFolderRule}`;
  const hiddenNames = [...hiddenSegments.map(entry => entry.segment), ...iisDefaultHiddenSegments, provisioningSegment.segment].map(name => name.toLowerCase());
  const hidden = names.find(name => hiddenNames.includes(name.toLowerCase()));
  if (hidden) return `IIS hides every URL with a /${hidden} segment: choose another folder`;
  if (names[0].toLowerCase() === handlerPlaceholder) return `${handlerPlaceholder} is the Python handler's placeholder file: choose another folder`;
  return undefined;
};

const remoteRule = `use a git URL: ${scmGitUrl('<site>')}, ssh://host/path, git@host:path or file:///path, no part of which starts with - (git would read it as an option); ext:: and fd:: transports run commands and are refused`;

/** True when a remote URL carries a password, which must never be stored or printed. */
export function hasPassword(value: string): boolean {
  const url = parseUrl(value);
  return url !== undefined && url.password !== '';
}

export const validateRemoteUrl: Validator = value => {
  if (value === '' || /[\s\u0000-\u001f\u007f]/.test(value)) return remoteRule;
  // An option to git (-c..., --upload-pack=...), or a transport helper such as ext:: or fd::.
  if (value.startsWith('-') || /^[A-Za-z][A-Za-z0-9+.-]*::/.test(value)) return remoteRule;
  if (hasPassword(value)) {
    return `it holds a password; give the URL without it (${scmGitUrl('<site>')}) and let a git credential helper keep the password`;
  }
  if (hasScheme(value)) {
    const url = parseUrl(value);
    const knownScheme = url !== undefined && ['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol) && url.hostname !== '';
    const localFile = url?.protocol === 'file:' && url.pathname.length > 1;
    // git hands the user, host and path to ssh (ssh://-oProxyCommand=...): none may read as an option.
    const optionLike = url !== undefined && [url.username, url.hostname, url.pathname.slice(1)].some(part => decodeURIComponent(part).startsWith('-'));
    return (knownScheme || localFile) && !optionLike ? undefined : remoteRule;
  }
  // scp-like syntax: [user@]host:path, where host is more than a drive letter; no part starts with -.
  return /^(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?[A-Za-z0-9.][A-Za-z0-9.-]+:(?!-)[^\\/][^\\]*$/.test(value) ? undefined : remoteRule;
};

const hasScheme = (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value);

function parseUrl(value: string): URL | undefined {
  if (!hasScheme(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

export function choiceValidator(choices: readonly string[], alsoAccepted: readonly string[] = []): Validator {
  return value => (choices.includes(value) || alsoAccepted.includes(value) ? undefined : `use one of ${choices.join(', ')}`);
}
