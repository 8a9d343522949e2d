/**
 * The placeholders templates leave in a web.config, one row each: what they look like, and
 * what fills them in. A value holding one was never filled in: IIS and wfastcgi read it as it
 * is, as a path no server has.
 */
export const templatePlaceholders: readonly { readonly pattern: RegExp; readonly filledBy: string }[] = [
  // microsoft/PTVS: the web.config Visual Studio 2015 publishes (%INTERPRETERPATH%|%WFASTCGIPATH%, %ROOTDIR%).
  { pattern: /%(?:ROOTDIR|INTERPRETERPATH|WFASTCGIPATH)%/i, filledBy: 'Visual Studio fills it in when it publishes the project' },
  // microsoft/PTVS: the Cloud Service web role templates.
  { pattern: /%FASTCGIHANDLER%/i, filledBy: "ConfigureCloudService.ps1 fills it in when the Cloud Service role starts" },
  // microsoft/PTVS: Common/Tests/TestData/WFastCgi (the test harness's [SITEPATH], [PYTHONPATH], [WFASTCGIPATH]).
  { pattern: /\[(?:SITEPATH|PYTHONPATH|WFASTCGIPATH)\]/, filledBy: "PTVS's test harness fills it in" },
  // Visual Studio project templates: $safeprojectname$, $RoleName$.
  { pattern: /\$[A-Za-z]+\$/, filledBy: 'Visual Studio fills it in when it creates a project from the template' },
  // How-tos' own: [venv_root], [site_root] (antoinemartin/django-windows-tools#31), <backend-root-path>.
  { pattern: /\[[a-z_]+\]|<[^<>]+>/, filledBy: 'the how-to it comes from leaves it to be filled in by hand' },
  // Jinja and cookiecutter templates: {{ venv_path }}.
  { pattern: /\{\{\s*[\w.]+\s*\}\}/, filledBy: 'the template is rendered before it is deployed' },
];

/** The placeholder `value` holds, and what would have filled it in; undefined for none. */
export function placeholderIn(value: string): { readonly text: string; readonly filledBy: string } | undefined {
  for (const row of templatePlaceholders) {
    const found = row.pattern.exec(value);
    if (found) return { text: found[0], filledBy: row.filledBy };
  }
  return undefined;
}
