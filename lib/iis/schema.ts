import type { Document, Element } from '../xml/tree.js';
import table from './schema-table.json' with { type: 'json' };

export interface AttributeSpec {
  type: string;
  required?: true;
  /** An enum's names, or a flags attribute's (a comma-separated list of them). */
  values?: string[];
  /** Part of a collection item's key: what its remove element names. */
  key?: true;
  /** The schema's validationType="nonEmptyString": required is only "present", this is "not empty". */
  nonEmpty?: true;
}

export interface SchemaNode {
  attributes?: Record<string, AttributeSpec>;
  /** The schema's allowUnrecognizedAttributes: attributes beyond these are the application's (system.web/identity's). */
  anyAttributes?: true;
  elements?: Record<string, SchemaNode>;
  collection?: SchemaNode & { add: string; remove?: string; clear?: string; anyAttributes?: true };
}

export interface SchemaTable {
  derivedFrom: string[];
  sections: Record<string, SchemaNode>;
}

/**
 * IIS's configuration schema, for the sections a Python site's web.config uses: a table derived
 * from IIS's own schema files, and a check of a web.config against it.
 */

/** The sections the table holds: those of every web.config the generators write or the tests merge into. */
export const tabledSections = [
  'appSettings',
  'connectionStrings',
  'system.diagnostics',
  'system.web/authentication',
  'system.web/compilation',
  'system.web/customErrors',
  'system.web/httpRuntime',
  'system.web/identity',
  'system.webServer/asp',
  'system.webServer/defaultDocument',
  'system.webServer/directoryBrowse',
  'system.webServer/fastCgi',
  'system.webServer/handlers',
  'system.webServer/httpErrors',
  'system.webServer/httpPlatform',
  'system.webServer/httpProtocol',
  'system.webServer/isapiFilters',
  'system.webServer/modules',
  'system.webServer/rewrite/rules',
  'system.webServer/security/authentication/anonymousAuthentication',
  'system.webServer/security/authentication/windowsAuthentication',
  'system.webServer/security/ipSecurity',
  'system.webServer/security/requestFiltering',
  'system.webServer/staticContent',
];

/**
 * Sections that .NET defines outside the schema files IIS ships (in machine.config, with a
 * handler of its own), each with where it is defined: known, and not checked inside, since no
 * schema file describes their content.
 */
export const opaqueSections: readonly { readonly name: string; readonly definedBy: string }[] = [
  { name: 'configSections', definedBy: 'the .NET configuration system itself: it declares the sections a file adds (docs.microsoft.com, "configSections element")' },
  { name: 'runtime', definedBy: ".NET's machine.config (assembly binding redirects, <assemblyBinding>): IIS ignores it" },
  { name: 'system.codedom', definedBy: ".NET's machine.config (the compilers ASP.NET uses): IIS ignores it" },
];

/** lib/iis-schema-table.json, as scripts/derive-iis-schema-table.ts wrote it from IIS's schema files. */
export function schemaTable(): SchemaTable {
  return table as SchemaTable;
}

// Attributes the configuration system itself gives every section, element and item.
const lockAttributes = ['lockAttributes', 'lockAllAttributesExcept', 'lockElements', 'lockAllElementsExcept', 'lockItem'];

// <location>'s attributes belong to the configuration system, not to a schema file.
const locationAttributes: Record<string, AttributeSpec> = {
  path: { type: 'string' },
  overrideMode: { type: 'enum', values: ['Allow', 'Deny', 'Inherit'] },
  allowOverride: { type: 'bool' },
  inheritInChildApplications: { type: 'bool' },
};

/**
 * Every place where `document` (a web.config) breaks IIS's schema: an unknown section,
 * element or attribute, a missing required attribute, an enum or bool value IIS refuses.
 * An empty list means IIS accepts it (for the sections in the table).
 */
export function schemaProblems(document: Document, table: SchemaTable = schemaTable(), unknownSections?: string[]): string[] {
  const problems: string[] = [];
  const root = document.documentElement!;
  if (root.nodeName !== 'configuration') return [`the root element is <${root.nodeName}>, not <configuration>`];
  for (const attribute of Array.from(root.attributes)) {
    if (attribute.name !== 'xmlns' && !attribute.name.startsWith('xmlns:')) problems.push(`<configuration> has no attribute ${attribute.name}`);
  }
  checkConfigurationLevel(root, table, problems, new Set(), unknownSections);
  return problems;
}

/**
 * `defined` collects the sections of the file's own folder (the root, and <location> with
 * path "." or none): IIS refuses a section defined twice there.
 */
function checkConfigurationLevel(parent: Element, table: SchemaTable, problems: string[], defined: Set<string>, unknown: string[] | undefined): void {
  for (const child of elementsOf(parent)) {
    if (child.nodeName === 'location') {
      checkAttributes(child, locationAttributes, 'location', problems);
      const ownFolder = ['', '.'].includes(child.getAttribute('path') ?? '');
      checkConfigurationLevel(child, table, problems, ownFolder ? defined : new Set(), unknown);
    } else {
      checkSectionLevel(child, child.nodeName, table, problems, defined, unknown);
    }
  }
}

/**
 * `unknown`, when given, collects the sections the table does not hold (IIS or .NET may define
 * them: the table holds what Python sites use), instead of reporting them as problems.
 */
function checkSectionLevel(element: Element, sectionPath: string, table: SchemaTable, problems: string[], defined: Set<string>, unknown?: string[]): void {
  if (opaqueSections.some(opaque => opaque.name === sectionPath)) return;
  const section = table.sections[sectionPath];
  if (section) {
    if (defined.has(sectionPath)) problems.push(`${at(element)}${sectionPath}: the section is defined twice for the same path`);
    defined.add(sectionPath);
    checkNode(element, section, sectionPath, problems, ['configSource']);
    return;
  }
  if (!Object.keys(table.sections).some(name => name.startsWith(`${sectionPath}/`))) {
    if (unknown) unknown.push(sectionPath);
    else problems.push(`${at(element)}${sectionPath}: not a section or section group of the table (add it to tabledSections and derive the table again)`);
    return;
  }
  // A section group: only sections inside, no attributes.
  for (const attribute of Array.from(element.attributes)) problems.push(`${at(element)}${sectionPath} is a section group: it has no attribute ${attribute.name}`);
  for (const child of elementsOf(element)) checkSectionLevel(child, `${sectionPath}/${child.nodeName}`, table, problems, defined, unknown);
}

function checkNode(element: Element, node: SchemaNode, where: string, problems: string[], extra: string[] = []): void {
  checkAttributes(element, node.attributes ?? {}, where, problems, extra, node.anyAttributes);
  const collection = node.collection;
  for (const child of elementsOf(element)) {
    const childWhere = `${where}/${child.nodeName}`;
    if (node.elements?.[child.nodeName]) {
      checkNode(child, node.elements[child.nodeName], childWhere, problems);
    } else if (collection && child.nodeName === collection.add) {
      if (!collection.anyAttributes) checkNode(child, collection, childWhere, problems);
      for (const [name, spec] of Object.entries(collection.attributes ?? {})) {
        if (spec.required && !child.hasAttribute(name)) problems.push(`${at(child)}${childWhere}: the required attribute ${name} is missing`);
      }
    } else if (collection && child.nodeName === collection.remove) {
      const keys = Object.fromEntries(Object.entries(collection.attributes ?? {}).filter(([, spec]) => spec.key));
      checkAttributes(child, keys, childWhere, problems);
    } else if (collection && child.nodeName === collection.clear) {
      checkAttributes(child, {}, childWhere, problems);
    } else {
      problems.push(`${at(child)}${where}: IIS knows no element <${child.nodeName}> here`);
    }
  }
}

function checkAttributes(
  element: Element,
  specs: Record<string, AttributeSpec>,
  where: string,
  problems: string[],
  extra: string[] = [],
  anyAttributes = false,
): void {
  for (const attribute of Array.from(element.attributes)) {
    if (lockAttributes.includes(attribute.name) || extra.includes(attribute.name)) continue;
    const spec = specs[attribute.name];
    if (!spec && anyAttributes) continue;
    if (!spec) {
      problems.push(`${at(element)}${where}: IIS knows no attribute ${attribute.name} (it knows ${Object.keys(specs).join(', ') || 'none'})`);
      continue;
    }
    const problem = valueProblem(attribute.value, spec);
    if (problem) problems.push(`${at(element)}${where}: ${attribute.name}="${attribute.value}" ${problem}`);
  }
}

function valueProblem(value: string, spec: AttributeSpec): string | undefined {
  switch (spec.type) {
    case 'bool':
      return /^(true|false)$/i.test(value) ? undefined : 'is not true or false';
    case 'uint':
      return /^\d+$/.test(value) ? undefined : 'is not an unsigned integer';
    case 'int':
      return /^-?\d+$/.test(value) ? undefined : 'is not an integer';
    case 'enum':
      return spec.values?.includes(value) ? undefined : `is not one of ${spec.values?.join(', ')}`;
    case 'flags':
      return value.split(',').every(flag => spec.values?.includes(flag.trim())) ? undefined : `is not a list of ${spec.values?.join(', ')}`;
    default:
      return spec.nonEmpty && value === '' ? 'must not be empty' : undefined;
  }
}

/** "line N: ", where the parser saw the element. */
function at(element: Element): string {
  const line = (element as unknown as { lineNumber?: number }).lineNumber;
  return line ? `line ${line}: ` : '';
}

function elementsOf(parent: Element): Element[] {
  return Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1);
}
