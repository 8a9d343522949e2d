/*
 * Package names as requirements.txt and PEP 508 write them: `Flask>=2.0; python_version < "3.8"`
 * names flask.
 */

/** The package a requirement line names, lower-cased; undefined for a comment, option or blank line. */
export function packageName(line: string): string | undefined {
  const name = line.trim().split(/[\s<>=!~;[@]/)[0]!.toLowerCase();
  return name === '' || name.startsWith('#') || name.startsWith('-') ? undefined : name;
}
