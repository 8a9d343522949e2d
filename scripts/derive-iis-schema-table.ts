/**
 * Derives lib/iis/schema-table.json from IIS's own configuration schema files
 * (IIS_schema.xml, rewrite_schema.xml, FX_schema.xml, ASPNET_schema.xml, as installed in
 * %windir%\system32\inetsrv\config\schema): the sections that generated and test web.config
 * files use, with every element, attribute and enum value IIS accepts in them.
 *
 *   node dist/scripts/derive-iis-schema-table.js <schema folder> > lib/iis/schema-table.json
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { tabledSections, type AttributeSpec, type SchemaNode, type SchemaTable } from '../lib/iis/schema.js';

function childElements(element: Element, name: string): Element[] {
  return Array.from(element.childNodes).filter((node): node is Element => node.nodeType === 1 && node.nodeName === name);
}

function attributeSpec(attribute: Element): AttributeSpec {
  const spec: AttributeSpec = { type: attribute.getAttribute('type') ?? 'string' };
  if (attribute.getAttribute('required') === 'true') spec.required = true;
  if (attribute.getAttribute('validationType') === 'nonEmptyString') spec.nonEmpty = true;
  const choices = [...childElements(attribute, 'enum'), ...childElements(attribute, 'flag')];
  if (choices.length > 0) spec.values = choices.map(choice => choice.getAttribute('name') ?? '');
  if (attribute.getAttribute('isUniqueKey') === 'true' || attribute.getAttribute('isCombinedKey') === 'true') spec.key = true;
  return spec;
}

function schemaNode(element: Element): SchemaNode {
  const node: SchemaNode = {};
  if (element.getAttribute('allowUnrecognizedAttributes') === 'true') node.anyAttributes = true;
  const attributes = childElements(element, 'attribute');
  if (attributes.length > 0) {
    node.attributes = Object.fromEntries(attributes.map(attribute => [attribute.getAttribute('name') ?? '', attributeSpec(attribute)]));
  }
  const elements = childElements(element, 'element');
  if (elements.length > 0) {
    node.elements = Object.fromEntries(elements.map(child => [child.getAttribute('name') ?? '', schemaNode(child)]));
  }
  const [collection] = childElements(element, 'collection');
  if (collection) {
    node.collection = {
      ...schemaNode(collection),
      add: collection.getAttribute('addElement') ?? 'add',
      ...(collection.getAttribute('removeElement') ? { remove: collection.getAttribute('removeElement')! } : {}),
      ...(collection.getAttribute('clearElement') ? { clear: collection.getAttribute('clearElement')! } : {}),
    };
  }
  return node;
}

const [folder] = process.argv.slice(2);
if (!folder) {
  console.error('usage: derive-table <folder of IIS schema files>');
  process.exit(2);
}
const sections: Record<string, SchemaNode> = {};
const sources: string[] = [];
for (const file of readdirSync(folder).filter(name => name.endsWith('_schema.xml')).sort()) {
  const document = new DOMParser().parseFromString(readFileSync(path.join(folder, file), 'utf8'), 'text/xml');
  for (const section of childElements(document.documentElement!, 'sectionSchema')) {
    const name = section.getAttribute('name') ?? '';
    if (!tabledSections.includes(name)) continue;
    sections[name] = schemaNode(section);
    if (!sources.includes(file)) sources.push(file);
  }
}
const missing = tabledSections.filter(name => !sections[name]);
if (missing.length > 0) {
  console.error(`not found in ${folder}: ${missing.join(', ')}`);
  process.exit(1);
}
const table: SchemaTable = { derivedFrom: sources, sections };
process.stdout.write(`${JSON.stringify(table, null, 1)}\n`);
