import { ReadError } from './errors';
import { attributeText } from './xml-unescape';
import { attribute } from './xml-tokenizer';
import type { ZipEntry } from './zip-directory';
import type { ZipReader } from './zip-reader';

// The structure of a workbook, found the way Excel finds it: the package's relationships name the workbook
// part, the workbook lists its sheets, and the workbook's relationships say which part holds each sheet, the
// shared strings and the styles. Names from the file are data, never keys of an object (Maps only), and what
// only claims something (defined names, print areas, a sheet's dimension) is not read at all.

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export type WorkbookSheet = Readonly<{
  name: string;
  state: SheetState;
  /** The worksheet's part; null for a chart sheet or a dialog sheet, which hold no cells. */
  part: ZipEntry | null;
}>;

export type WorkbookStructure = Readonly<{
  sheets: readonly WorkbookSheet[];
  date1904: boolean;
  sharedStrings: ZipEntry | null;
  styles: ZipEntry | null;
}>;

type Relationship = Readonly<{ type: string; target: string; external: boolean }>;

const notWorkbook = () =>
  new ReadError(
    'xlsx.notWorkbook',
    'this is a zip file but not an Excel workbook (an OpenDocument or Numbers file?); save it as .xlsx or CSV',
  );

const corrupt = (why: string) =>
  new ReadError('xlsx.corrupt', `the workbook is damaged (${why}); open it in Excel and save it again`);

/** Finds the sheets and the parts they need. Reads only small parts: content types, relationships, the workbook. */
export async function readWorkbookStructure(zip: ZipReader): Promise<WorkbookStructure> {
  const contentTypes = zip.get('[Content_Types].xml');
  if (!contentTypes) throw notWorkbook();
  // Read for what it is: a package's table of part types. Nothing in it is needed beyond being sound XML.
  await zip.readXml(contentTypes, {});

  const packageRels = zip.get('_rels/.rels');
  const rootRels = packageRels
    ? await readRelationships(zip, packageRels, '')
    : new Map<string, Relationship>();
  let workbookPath = 'xl/workbook.xml';
  for (const rel of rootRels.values()) {
    if (!rel.external && rel.type.endsWith('/officeDocument')) workbookPath = rel.target;
  }
  if (/\.bin$/i.test(workbookPath)) {
    throw new ReadError(
      'xlsx.notWorkbook',
      'this is a binary Excel workbook (.xlsb), which ListPrep does not read; open it in Excel and save it as .xlsx or CSV',
    );
  }
  const workbook = zip.get(workbookPath);
  if (!workbook) throw notWorkbook();

  const listed: { name: string; state: SheetState; id: string }[] = [];
  let date1904 = false;
  await zip.readXml(workbook, {
    open: (name, attributes) => {
      if (name === 'workbookPr') {
        const value = attribute(attributes, 'date1904');
        date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet') {
        const state = attribute(attributes, 'state');
        listed.push({
          name: attributeText(attribute(attributes, 'name') ?? ''),
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          id: attribute(attributes, 'id') ?? '',
        });
      }
    },
  });
  if (listed.length === 0) throw new ReadError('sheet.none', 'the workbook has no worksheets');

  const folder = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const relsEntry = zip.get(`${folder}_rels/${workbookPath.slice(folder.length)}.rels`);
  if (!relsEntry) throw corrupt('the list of its sheets’ parts is missing');
  const rels = await readRelationships(zip, relsEntry, folder);

  const part = (rel: Relationship | undefined) => (rel && !rel.external ? zip.get(rel.target) : undefined);
  const sheets = listed.map((sheet): WorkbookSheet => {
    const rel = rels.get(sheet.id);
    if (!rel) throw corrupt(`the sheet "${sheet.name}" has no part`);
    if (!rel.type.endsWith('/worksheet')) return { name: sheet.name, state: sheet.state, part: null };
    const entry = part(rel);
    if (!entry) throw corrupt(`the part of the sheet "${sheet.name}" is missing`);
    return { name: sheet.name, state: sheet.state, part: entry };
  });
  let sharedStrings: ZipEntry | null = null;
  let styles: ZipEntry | null = null;
  for (const rel of rels.values()) {
    if (rel.type.endsWith('/sharedStrings')) sharedStrings = part(rel) ?? null;
    else if (rel.type.endsWith('/styles')) styles = part(rel) ?? null;
  }
  return { sheets, date1904, sharedStrings, styles };
}

async function readRelationships(
  zip: ZipReader,
  entry: ZipEntry,
  folder: string,
): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  await zip.readXml(entry, {
    open: (name, attributes) => {
      if (name !== 'Relationship') return;
      const id = attribute(attributes, 'Id');
      const target = attribute(attributes, 'Target');
      if (id === undefined || target === undefined) return;
      const external = attribute(attributes, 'TargetMode') === 'External';
      rels.set(attributeText(id), {
        type: attributeText(attribute(attributes, 'Type') ?? ''),
        target: external ? target : resolvePartName(folder, attributeText(target)),
        external,
      });
    },
  });
  return rels;
}

/** A relationship's target as a part name in the zip: relative to the source's folder, or from the root. */
export function resolvePartName(folder: string, target: string): string {
  let path = target;
  try {
    path = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: the name as written.
  }
  const segments = (path.startsWith('/') ? path.slice(1) : folder + path).split('/');
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}
