/*
 * FastCGI as IIS's FastCGI module speaks it to wfastcgi (https://fastcgi-archives.github.io/FastCGI_Specification.html):
 * the records of one request (BEGIN_REQUEST as a responder, PARAMS, STDIN), and the reading of
 * the records a worker answers with (STDOUT, STDERR, END_REQUEST).
 */

const version = 1;
export const recordTypes = { beginRequest: 1, endRequest: 3, params: 4, stdin: 5, stdout: 6, stderr: 7 } as const;
const responderRole = 1;
const largestContent = 0xffff;

function record(type: number, requestId: number, content: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let offset = 0;
  do {
    const part = content.subarray(offset, offset + largestContent);
    const header = Buffer.alloc(8);
    header.writeUInt8(version, 0);
    header.writeUInt8(type, 1);
    header.writeUInt16BE(requestId, 2);
    header.writeUInt16BE(part.length, 4);
    records.push(header, part);
    offset += part.length;
  } while (offset < content.length);
  return records;
}

function pairLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const encoded = Buffer.alloc(4);
  encoded.writeUInt32BE((length | 0x80000000) >>> 0);
  return encoded;
}

/** The name-value pairs of a PARAMS stream; IIS sends names and values as ISO-8859-1 bytes. */
function pairs(params: Readonly<Record<string, string>>): Buffer {
  return Buffer.concat(
    Object.entries(params).flatMap(([name, value]) => {
      const [nameBytes, valueBytes] = [Buffer.from(name, 'latin1'), Buffer.from(value, 'latin1')];
      return [pairLength(nameBytes.length), pairLength(valueBytes.length), nameBytes, valueBytes];
    }),
  );
}

/** Every record of one request: begin (keeping the connection), its parameters, its body, each stream ended by an empty record. */
export function requestRecords(requestId: number, params: Readonly<Record<string, string>>, body: Buffer): Buffer {
  const begin = Buffer.alloc(8);
  begin.writeUInt16BE(responderRole, 0);
  begin.writeUInt8(1, 2);
  return Buffer.concat([
    ...record(recordTypes.beginRequest, requestId, begin),
    ...record(recordTypes.params, requestId, pairs(params)),
    ...record(recordTypes.params, requestId, Buffer.alloc(0)),
    ...(body.length > 0 ? record(recordTypes.stdin, requestId, body) : []),
    ...record(recordTypes.stdin, requestId, Buffer.alloc(0)),
  ]);
}

/** A worker's answer to one request: what it wrote to stdout (a CGI response) and to stderr. */
export interface FastCgiAnswer {
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** Reads the records a worker writes, in whatever pieces they arrive, and hands over each request's answer at its END_REQUEST. */
export class RecordReader {
  #pending = Buffer.alloc(0);
  #stdout: Buffer[] = [];
  #stderr: Buffer[] = [];

  constructor(private readonly onAnswer: (answer: FastCgiAnswer) => void) {}

  push(data: Buffer): void {
    this.#pending = Buffer.concat([this.#pending, data]);
    while (this.#pending.length >= 8) {
      const length = this.#pending.readUInt16BE(4);
      const padding = this.#pending.readUInt8(6);
      if (this.#pending.length < 8 + length + padding) return;
      const type = this.#pending.readUInt8(1);
      const content = this.#pending.subarray(8, 8 + length);
      this.#pending = this.#pending.subarray(8 + length + padding);
      if (type === recordTypes.stdout) this.#stdout.push(content);
      else if (type === recordTypes.stderr) this.#stderr.push(content);
      else if (type === recordTypes.endRequest) {
        const answer = { stdout: Buffer.concat(this.#stdout), stderr: Buffer.concat(this.#stderr) };
        this.#stdout = [];
        this.#stderr = [];
        this.onAnswer(answer);
      }
    }
  }
}

/** A CGI response (what a worker writes to stdout): its status, headers and body. */
export function parseCgiResponse(stdout: Buffer): { status: number; reason: string; headers: [string, string][]; body: Buffer } {
  const end = stdout.indexOf('\r\n\r\n');
  const head = (end < 0 ? stdout : stdout.subarray(0, end)).toString('latin1');
  const body = end < 0 ? Buffer.alloc(0) : stdout.subarray(end + 4);
  let status = 200;
  let reason = 'OK';
  const headers: [string, string][] = [];
  for (const line of head.split('\r\n').filter(Boolean)) {
    const colon = line.indexOf(':');
    const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    if (name.toLowerCase() === 'status') {
      status = Number.parseInt(value, 10);
      reason = value.replace(/^\d+\s*/, '');
    } else headers.push([name, value]);
  }
  return { status, reason, headers, body };
}
