/**
 * CSV (RFC 4180): fields separated by commas, optionally quoted with `"`
 * (a doubled `""` inside quotes is a quote), records separated by LF or CRLF.
 */
import { readFile } from "node:fs/promises";
import { fileError, InvalidDataError } from "../errors.js";

/**
 * Parses CSV text into records of fields. Trailing newlines and blank lines at
 * the end do not make empty records; every record must have as many fields as
 * the first.
 *
 * @throws {InvalidDataError} naming the file and line for an unterminated quote, a stray quote, or a record of the wrong width
 * @example
 * ```ts
 * parseCsv('a,b\n1,"x,y"\n'); // [["a", "b"], ["1", "x,y"]]
 * ```
 */
export function parseCsv(text: string, file = "<csv>"): string[][] {
  const records: string[][] = [];
  /** The line each record starts on. */
  const starts: number[] = [];
  let recordStart = 1;
  let rec: string[] = [];
  let field = "";
  let i = 0;
  let line = 1;
  const n = text.length;
  const endField = () => {
    rec.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(rec);
    starts.push(recordStart);
    rec = [];
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const c = text[i] as string;
    if (c === '"' && field === "") {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new InvalidDataError(`${file}: line ${startLine}: a quoted field is never closed (truncated file?)`);
        const d = text[i] as string;
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (d === "\n") line++;
        field += d;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") throw new InvalidDataError(`${file}: line ${line}: characters after a closing quote`);
      if (field === "") field = "\u0000quoted-empty";
      continue;
    }
    if (c === ",") {
      endField();
      i++;
    } else if (c === "\n" || c === "\r") {
      endRecord();
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      line++;
      recordStart = line;
      } else {
      if (c === '"') throw new InvalidDataError(`${file}: line ${line}: a quote inside an unquoted field; quote the field and double the quote`);
      field += c;
      i++;
    }
  }
  if (field !== "" || rec.length > 0) endRecord();
  // blank lines at the end of a file (an editor's extra newline) are not records
  while (records.length > 1 && records[records.length - 1]?.length === 1 && records[records.length - 1]?.[0] === "") records.pop();
  const width = records[0]?.length ?? 0;
  records.forEach((r, k) => {
    for (let j = 0; j < r.length; j++) if (r[j] === "\u0000quoted-empty") r[j] = "";
    if (r.length !== width) throw new InvalidDataError(`${file}: line ${starts[k]}: ${r.length} fields, the header has ${width}`);
  });
  return records;
}

/**
 * Reads and parses a CSV file.
 *
 * @throws {InvalidDataError} naming the file (see `parseCsv`)
 * @throws {NotFoundError} for a missing file; {InvalidArgumentError} for a folder
 *
 * @example
 * ```ts
 * const [header, ...rows] = await readCsv("mine.csv");
 * ```
 */
export async function readCsv(path: string): Promise<string[][]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw fileError(e, path, "CSV file");
  }
  return parseCsv(text, path);
}

/** One CSV field (quoted when it holds a comma, quote or newline). */
export function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Records as CSV text with a trailing newline. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}
