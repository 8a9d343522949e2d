import type { SiteLayout } from '../site/layout.js';
import { webApiVersion } from './endpoints.js';

/** One entry of the JSON array that `az webapp config appsettings set --settings @file` takes. */
export interface AppSetting {
  readonly name: string;
  readonly value: string;
  /** Always written: older Azure CLIs took a missing slotSetting as true. */
  readonly slotSetting: false;
}

/** One entry of the site's `handlerMappings` (Microsoft.Web/sites/config "web"). */
export interface HandlerMapping {
  readonly extension: string;
  readonly scriptProcessor: string;
  readonly arguments: string;
}

export const appSettingsFile = 'azure/appsettings.json';
export const handlerMappingsFile = 'azure/handler-mappings.json';
export const portalStepsFile = 'azure/portal-steps.md';


/** Option 1's app settings: Azure turns them into environment variables of python.exe. */
export function appSettings(layout: SiteLayout, wsgiLog: string): AppSetting[] {
  return [
    { name: 'PYTHONPATH', value: layout.pythonPath, slotSetting: false },
    { name: 'WSGI_HANDLER', value: layout.wsgiHandler, slotSetting: false },
    ...layout.frameworkSettings.map(({ name, value }) => ({ name, value, slotSetting: false as const })),
    ...(wsgiLog ? [{ name: 'WSGI_LOG', value: wsgiLog, slotSetting: false } as const] : []),
  ];
}

/**
 * Option 1's handler mapping. Without web.config there is no URL Rewrite, so the handler takes
 * every path (`*`), as the document's "handler for the * path" approach does.
 */
export function handlerMappings(layout: SiteLayout): HandlerMapping[] {
  return [{ extension: '*', scriptProcessor: layout.runtime.interpreter, arguments: layout.runtime.wfastcgi }];
}

/** The body of a PATCH of the site's "web" config that sets the handler mapping. */
export function handlerMappingsPatch(layout: SiteLayout): { properties: { handlerMappings: HandlerMapping[] } } {
  return { properties: { handlerMappings: handlerMappings(layout) } };
}

export function toJsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Azure CLI commands that apply Option 1 to `siteName` in resource group `<resource-group>`. */
export function portalCommands(siteName: string, layout: SiteLayout, djangoSecretKey = false): string[] {
  const group = '<resource-group>';
  return [
    `az webapp config set -g ${group} -n ${siteName} --python-version ${layout.runtime.version}`,
    `az webapp config appsettings set -g ${group} -n ${siteName} --settings @${appSettingsFile}`,
    // Set on the site, never in a file of the repository: a new random key, made where the command runs.
    ...(djangoSecretKey ? [`az webapp config appsettings set -g ${group} -n ${siteName} --settings DJANGO_SECRET_KEY="$(python -c "import secrets; print(secrets.token_urlsafe(50))")"`] : []),
    `az rest --method patch --uri "/subscriptions/{subscriptionId}/resourceGroups/${group}/providers/Microsoft.Web/sites/${siteName}/config/web?api-version=${webApiVersion}" --body @${handlerMappingsFile}`,
  ];
}
