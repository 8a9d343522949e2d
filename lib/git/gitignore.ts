/**
 * The entries of `template` that `existing` lacks, in the template's order. Comments and blank
 * lines are not entries; an entry counts as present when a line of `existing` equals it.
 */
export function missingIgnoreEntries(template: string, existing: string): string[] {
  const present = new Set(existing.split(/\r?\n/).map(line => line.trim()));
  return entries(template).filter(entry => !present.has(entry));
}

/** `existing` with the missing entries appended under one comment; unchanged when none is missing. */
export function withIgnoreEntries(template: string, existing: string): string {
  const missing = missingIgnoreEntries(template, existing);
  if (missing.length === 0) return existing;
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return `${existing}${separator}\n# Python site (generator-azure-python)\n${missing.join('\n')}\n`;
}

function entries(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '' && !line.startsWith('#'));
}
