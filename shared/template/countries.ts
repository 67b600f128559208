// The countries of ISO 3166-1 (alpha-2): what a `country` column holds unless the account has its own list
// (Configio: Settings -> Setup -> Countries and States, where `US` works and `USA` does not). Names for people
// come from the runtime's Intl.DisplayNames in each language; this file is only the codes and the names Intl
// does not give (alpha-3 codes and the short forms people type), which the country fix understands.

const codes =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW ' +
  'BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI ' +
  'FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN ' +
  'IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME ' +
  'MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF ' +
  'PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE ' +
  'YT ZA ZM ZW';

/** The 249 ISO 3166-1 alpha-2 codes. */
export const isoCountryCodes: readonly string[] = codes.split(' ');

/**
 * Names people write that Intl.DisplayNames does not give: alpha-3 codes of the countries lists come from
 * most often, and everyday short forms. Each means exactly one country; a word that could mean two
 * ("Congo", "Korea", "America") is not here, so it stays for a person to decide.
 */
export const countryAliases: Readonly<Record<string, readonly string[]>> = {
  US: ['USA', 'U.S.A.', 'U.S.', 'United States of America', 'the United States', 'USA (United States)'],
  GB: [
    'GBR',
    'UK',
    'U.K.',
    'Great Britain',
    'Britain',
    'England',
    'Scotland',
    'Wales',
    'Northern Ireland',
    'Storbritannia',
    'England (UK)',
  ],
  NO: ['NOR', 'Noreg', 'Kingdom of Norway'],
  SE: ['SWE'],
  DK: ['DNK'],
  FI: ['FIN'],
  IS: ['ISL'],
  DE: ['DEU', 'GER'],
  FR: ['FRA'],
  ES: ['ESP'],
  IT: ['ITA'],
  NL: ['NLD', 'Holland', 'The Netherlands'],
  BE: ['BEL'],
  CH: ['CHE'],
  AT: ['AUT'],
  PL: ['POL'],
  PT: ['PRT'],
  IE: ['IRL'],
  CA: ['CAN'],
  MX: ['MEX'],
  AU: ['AUS'],
  NZ: ['NZL'],
  JP: ['JPN'],
  CN: ['CHN'],
  IN: ['IND'],
  BR: ['BRA'],
  AR: ['ARG'],
  ZA: ['ZAF'],
  RU: ['RUS'],
  UA: ['UKR'],
  EE: ['EST'],
  LV: ['LVA'],
  LT: ['LTU'],
  CZ: ['CZE', 'Czech Republic'],
  SK: ['SVK'],
  HU: ['HUN'],
  RO: ['ROU'],
  BG: ['BGR'],
  GR: ['GRC'],
  TR: ['TUR', 'Turkey'],
  IL: ['ISR'],
  AE: ['ARE', 'UAE', 'U.A.E.'],
  SA: ['SAU'],
  SG: ['SGP'],
  HK: ['HKG'],
  KR: ['KOR', 'South Korea', 'Sør-Korea'],
  TW: ['TWN'],
  TH: ['THA'],
  VN: ['VNM'],
  PH: ['PHL'],
  ID: ['IDN'],
  MY: ['MYS'],
  PK: ['PAK'],
  EG: ['EGY'],
  NG: ['NGA'],
  KE: ['KEN'],
  CL: ['CHL'],
  CO: ['COL'],
  PE: ['PER'],
  LU: ['LUX'],
  HR: ['HRV'],
  SI: ['SVN'],
  RS: ['SRB'],
  CY: ['CYP'],
  MT: ['MLT'],
};

/**
 * Words that name more than one country depending on who writes them (Congo: Kinshasa or Brazzaville; the
 * Virgin Islands: British or American), whatever a single language's name list says: never fixed.
 */
export const ambiguousCountryNames: readonly string[] = [
  'Congo',
  'Kongo',
  'Korea',
  'America',
  'Amerika',
  'Guinea',
  'Virgin Islands',
  'Jomfruøyene',
];
