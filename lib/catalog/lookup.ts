/** A name that is no row of its table: a bug, since every answer is checked against the table first. */
export class UnknownRowError extends Error {
  constructor(table: string, name: string) {
    super(`Unknown ${table} ${JSON.stringify(name)}`);
    this.name = 'UnknownRowError';
  }
}

/** The row of `rows` whose `key` is `name`; every table of the catalog is looked up this one way. */
export function findRow<Row, Key extends keyof Row>(rows: readonly Row[], key: Key, name: unknown, table: string): Row {
  const row = rows.find(candidate => candidate[key] === name);
  if (row === undefined) throw new UnknownRowError(table, String(name));
  return row;
}
