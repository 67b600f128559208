// A contact list as people really send it: a Windows-1252 "CSV" from Excel with semicolons, a title and a
// date above the header, Norwegian column names, and the usual mistakes (phones with punctuation, a state
// name, a duplicate email, a missing last name, a broken email, a likely duplicate).

// The bytes Windows-1252 uses for the characters it places at 0x80–0x9F.
const cp1252High: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

export function encodeWindows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const high = cp1252High[ch];
    if (high === undefined) throw new RangeError(`not in Windows-1252: ${ch}`);
    return high;
  });
}

export const messyHeaders = [
  'Fornavn',
  'Etternavn',
  'E-post',
  'Mobil',
  'Delstat',
  'Postnr',
  'Firma',
  'Kjønn',
  'Stilling hos kunde',
  'Kundenr',
  'Skostørrelse',
];

/** Data rows (file rows below the header); row n in the app is index n - 1 here. */
export const messyRows: readonly (readonly string[])[] = [
  [
    'Åse',
    'Økland',
    'ase@example.com',
    '(555) 123-4567',
    'CA',
    '90210',
    'Fjord AS',
    'F',
    'Daglig leder',
    'K-1001',
    '41',
  ],
  [
    'Bob',
    'Smith',
    'bob@example.com',
    '5559876543',
    'California',
    '10001',
    'Acme',
    'M',
    'Buyer',
    'K-1002',
    '44',
  ],
  ['Carla', 'Nguyen', 'ase@example.com', '5551112222', 'NY', '10002', '', 'F', '', 'K-1003', '38'],
  ['Dag', '', 'dag@example.com', '5553334444', 'ON', 'K1A 0B1', 'Nordlys', 'M', 'Selger', 'K-1004', '45'],
  ['Eve', 'Brown', 'eve@example', '555.222.3333', 'TX', '73301', 'Initech', 'F', '', 'K-1005', '39'],
  [
    'François',
    'Dubois',
    'francois@example.com',
    '5554445555',
    'QC',
    'H2X 1Y4',
    'Café “Le Coin”',
    'M',
    '',
    'K-1006',
    '42',
  ],
  ['Bob', 'Smith', 'bob.smith@example.com', '555-987-6543', 'CA', '10001', 'Acme', 'M', 'Buyer', '', '44'],
];

/** A column added after the others, one value per data row (a test's own twist on the messy file). */
export type ExtraColumn = Readonly<{ header: string; values: readonly string[] }>;

export function messyCsvText(extra?: ExtraColumn): string {
  const withExtra = (cells: readonly string[], value: string | undefined) =>
    (extra ? [...cells, value ?? ''] : cells).join(';');
  const lines = [
    'Kontaktliste – messen i Oslo',
    'Eksportert 01.05.2024',
    '',
    withExtra(messyHeaders, extra?.header),
    ...messyRows.map((row, i) => withExtra(row, extra?.values[i])),
    '',
  ];
  return lines.join('\r\n');
}

export function messyCsvBytes(extra?: ExtraColumn): Uint8Array {
  return encodeWindows1252(messyCsvText(extra));
}
