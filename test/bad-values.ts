import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { storageKey } from '../lib/answers/sources.js';
import { temporaryFolder } from './helpers.js';

/*
 * Values every generator refuses, each with the rule its one line must state: the unit tests
 * check each through the one pre-check, the end-to-end tests one per option through the bin.
 */

const identifierRule = /use a Python identifier \(ASCII letters, digits and _, not starting with a digit\) that is not a Python keyword/;
const siteNameRule = /an Azure site name has 2 to 60 letters, digits and hyphens/;
const windowsPathRule = /use an absolute Windows path such as D:\\home\\site\\wwwroot/;
const staticFolderRule = /use a folder of the site such as static or assets\/static/;
const remoteRule = /use a git URL: https:\/\/<user>@<site>\.scm\.azurewebsites\.net\/<site>\.git/;
const pythonRows = /use one of 2\.7, 3\.4, 3\.6, 3\.6-x86, .*, 2\.7\.14-x86, 3\.11, 3\.12, 3\.13, 3\.14$/;
const choices = (...values: string[]) => new RegExp(`use one of ${values.join(', ')}$`);

/** [option, value, the rule the one line must state]: every value is refused before anything is written. */
export const badOptions: [string, string, RegExp][] = [
  ['module', '', identifierRule],
  ['module', ' ', identifierRule],
  ['module', 'class', identifierRule],
  ['module', 'print', identifierRule],
  ['module', 'None', identifierRule],
  ['module', 'my.site', identifierRule],
  ['module', 'a/b', identifierRule],
  ['module', 'a\\b', identifierRule],
  ['module', '..', identifierRule],
  ['module', 'my site', identifierRule],
  ['module', '1site', identifierRule],
  ['module', 'CON', /a device name Windows reserves/],
  ['module', 'nul', /a device name Windows reserves/],
  ['module', 'a'.repeat(65), /use at most 64 characters/],
  ['module', 'a<b', identifierRule],
  ['module', 'a&b', identifierRule],
  ['module', 'a"b', identifierRule],
  ['module', "a'b", identifierRule],
  ['module', 'a\nb', identifierRule],
  ['module', 'json', /a standard-library module of that name would be imported instead/],
  ['module', 'café', identifierRule],
  ['callable', '', identifierRule],
  ['callable', 'app()', identifierRule],
  ['callable', 'lambda', identifierRule],
  ['callable', 'a.b', identifierRule],
  ['callable', '2app', identifierRule],
  ['callable', 'a>b', identifierRule],
  ['callable', 'len', /it is one of Python's built-in names \(len, str, \.\.\.\), which the module itself uses/],
  ['callable', 'str', /built-in names/],
  ['callable', 'os', /the generated module already uses that name/],
  ['callable', 'hello', /the generated module already uses that name/],
  ['site-name', '', siteNameRule],
  ['site-name', '-bad', siteNameRule],
  ['site-name', 'bad-', siteNameRule],
  ['site-name', 'a', siteNameRule],
  ['site-name', 'my_site', siteNameRule],
  ['site-name', 'a'.repeat(61), siteNameRule],
  ['site-name', 'my site', siteNameRule],
  ['site-name', 'a&b', siteNameRule],
  ['python', '', pythonRows],
  ['python', '3.7', pythonRows],
  ['python', ' 2.7', pythonRows],
  ['python', '3.12', /on --host azure, use one of 2\.7, 3\.4, 3\.6, /],
  ['host', 'aws', choices('azure', 'iis', 'linux')],
  ['server', 'cgi', choices('fastcgi', 'httpplatform')],
  ['interpreter', 'python.exe', windowsPathRule],
  ['wfastcgi', 'C:\\Python312\\wfastcgi.py', /it needs --interpreter too/],
  ['config', 'iis', choices('webconfig', 'portal')],
  ['config', 'WEBCONFIG', choices('webconfig', 'portal')],
  ['site-root', '', windowsPathRule],
  ['site-root', 'D:', windowsPathRule],
  ['site-root', 'home\\site', windowsPathRule],
  ['site-root', 'D:/home/site', windowsPathRule],
  ['site-root', 'D:\\home\\..\\site', windowsPathRule],
  ['site-root', 'D:\\home\\site\\', windowsPathRule],
  ['site-root', 'D:\\CON\\site', windowsPathRule],
  ['site-root', 'D:\\a<b', windowsPathRule],
  ['site-root', 'D:\\a"b', windowsPathRule],
  ['site-root', 'D:\\a\nb', windowsPathRule],
  ['site-root', `D:\\${'a'.repeat(200)}`, windowsPathRule],
  ['site-root', '\\\\server\\share', windowsPathRule],
  ['routing', 'proxy', choices('rewrite', 'wildcard')],
  ['routing', '', choices('rewrite', 'wildcard')],
  ['static-dir', '../static', staticFolderRule],
  ['static-dir', '/static', staticFolderRule],
  ['static-dir', 'static/', staticFolderRule],
  ['static-dir', 'a b', staticFolderRule],
  ['static-dir', 'a&b', staticFolderRule],
  ['static-dir', 'a<b>', staticFolderRule],
  ['static-dir', 'CON', staticFolderRule],
  ['static-dir', 'a'.repeat(101), staticFolderRule],
  ['static-dir', 'env', /IIS hides every URL with a \/env segment/],
  ['static-dir', 'handler.fcgi', /the Python handler's placeholder file/],
  ['static-dir', 'bin', /IIS hides every URL with a \/bin segment/],
  ['static-dir', 'App_Data', /IIS hides every URL with a \/App_Data segment/],
  ['static-dir', 'assets/app_code', /IIS hides every URL with a \/app_code segment/],
  ['static-dir', 'azure', /IIS hides every URL with a \/azure segment/],
  ['static-dir', 'kept', /it holds the module's folder, whose Python source IIS would then serve/],
  ['module-dir', '../app', /use \. for the site root, or a folder of the site such as src/],
  ['module-dir', 'C:\\app', /use \. for the site root, or a folder of the site such as src/],
  ['module-dir', 'src/', /use \. for the site root, or a folder of the site such as src/],
  ['serve-files', 'all', choices('existing', 'static-only')],
  ['serve-files', 'static-only', /it needs --static-dir, the folder whose files IIS serves/],
  ['wsgi-log', 'wfastcgi.log', windowsPathRule],
  ['wsgi-log', 'D:/LogFiles/wfastcgi.log', windowsPathRule],
  ['wsgi-log', 'D:\\LogFiles\\a|b.log', windowsPathRule],
  ['remote', 'not a url', remoteRule],
  ['remote', 'ftp://host/repo.git', remoteRule],
  ['remote', 'https://', remoteRule],
  ['remote', 'C:\\repo', remoteRule],
  ['remote', 'http://a b/x.git', remoteRule],
  ['remote', 'git@host', remoteRule],
  ['remote', 'file://', remoteRule],
  ['remote', 'https://me:s3cret@site.scm.azurewebsites.net/site.git', /it holds a password; .* let a git credential helper keep the password/],
  // What git would read as an option, or a transport that runs a command.
  ['remote', '-c:core.sshCommand=touch pwned', remoteRule],
  ['remote', '--upload-pack:touch', remoteRule],
  ['remote', '-cx:y', remoteRule],
  ['remote', 'ext::ssh', remoteRule],
  ['remote', 'fd::3', remoteRule],
  ['remote', 'ssh://-oProxyCommand=touch/repo.git', remoteRule],
  ['remote', 'ssh://-me@host/repo.git', remoteRule],
  ['remote', 'https://host/-repo.git', remoteRule],
  ['remote', 'git@-host:repo.git', remoteRule],
  ['remote', 'git@host:-repo.git', remoteRule],
  ['remote', '-git@host:repo.git', remoteRule],
];

/** Values from a committed .yo-rc.json: the same rules, the key named (NUL can only come this way). */
export const badKeptAnswers: [string, unknown, RegExp][] = [
  ['module', 'a\u0000b', identifierRule],
  ['git', 'yes', /use true or false/],
  ['python', '9.9', pythonRows],
  ['siteRoot', 'wwwroot', windowsPathRule],
  ['remote', 'https://me:s3cret@site.scm.azurewebsites.net/site.git', /it holds a password/],
  ['staticDir', 42, /a text value is expected/],
];

/** A site folder with a user's file and valid kept answers: every byte must survive a refused run. */
export function userSite(kept: Record<string, unknown> = { module: 'Kept', siteRoot: 'D:\\home\\site\\wwwroot' }): string {
  const folder = temporaryFolder();
  writeFileSync(path.join(folder, '.yo-rc.json'), `${JSON.stringify({ [storageKey]: kept }, null, 2)}\n`);
  mkdirSync(path.join(folder, 'notes'));
  writeFileSync(path.join(folder, 'notes', 'todo.txt'), 'my own file\n');
  return folder;
}
