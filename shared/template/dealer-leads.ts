import { northAmericanRegions } from './regions';
import type { TemplateInput } from './schema';

// The dealer CRM's lead import (source 001; README.md "The dealer CRM"): a CSV with the delimiter the person
// chooses, whose columns the CRM associates with its customer card fields. The import rule (Merge or Create)
// acts on leads sharing two of name, phone and email; the "Processed" column must equal the rows with data.
const leadTypeExplain = {
  en: 'The leads are created in the Leads module.',
  nb: 'Leadene opprettes i Leads-modulen.',
};

export const dealerLeads: TemplateInput = {
  id: 'dealer-leads',
  short: 'dealer',
  crm: 'Dealer CRM',
  name: 'Dealer CRM leads import (CSV)',
  version: '1',
  country: 'US',
  sheets: ['Leads'],
  regions: northAmericanRegions,
  export: { formats: ['csv'], csv: { delimiters: [',', ';', '\t', '|'], bom: false } },
  choices: [
    {
      id: 'rule',
      label: { en: 'Import rule', nb: 'Importregel' },
      hint: {
        en: 'What the CRM does with leads that share at least two of name, phone number and email (step 7).',
        nb: 'Hva CRM-et gjør med leads som deler minst to av navn, telefonnummer og e-post (trinn 7).',
      },
      options: [
        {
          value: 'create',
          label: { en: 'Create', nb: 'Opprett' },
          explain: {
            en: 'Create: every row becomes a lead; leads sharing two of name, phone number and email are associated with each other.',
            nb: 'Opprett: hver rad blir et lead; leads som deler to av navn, telefonnummer og e-post, knyttes til hverandre.',
          },
        },
        {
          value: 'merge',
          label: { en: 'Merge', nb: 'Slå sammen' },
          explain: {
            en: 'Merge: leads sharing two of name, phone number and email are merged into one lead, in the file and with leads the CRM already has.',
            nb: 'Slå sammen: leads som deler to av navn, telefonnummer og e-post, slås sammen til ett lead, i filen og med leads CRM-et allerede har.',
          },
        },
      ],
      default: 'create',
    },
    {
      id: 'leadType',
      label: { en: 'Lead type', nb: 'Leadtype' },
      hint: {
        en: 'The type chosen in the import (step 6): it decides the module the leads are created in.',
        nb: 'Typen som velges i importen (trinn 6): den avgjør hvilken modul leadene opprettes i.',
      },
      options: [
        { value: 'internet', label: { en: 'Internet', nb: 'Internett' }, explain: leadTypeExplain },
        { value: 'phone', label: { en: 'Phone', nb: 'Telefon' }, explain: leadTypeExplain },
        { value: 'walk-in', label: { en: 'Walk-in', nb: 'Besøk' }, explain: leadTypeExplain },
        {
          value: 'sms',
          label: { en: 'SMS', nb: 'SMS' },
          explain: {
            en: 'SMS leads are created in the Lead Xpress module.',
            nb: 'SMS-leads opprettes i Lead Xpress-modulen.',
          },
        },
      ],
      default: 'internet',
    },
  ],
  summary: [
    { kind: 'twoOfNamePhoneEmail', choice: 'rule', merge: 'merge' },
    { kind: 'rowsWithData', column: 'Processed' },
  ],
  fields: [
    {
      header: 'First Name',
      role: 'firstName',
      label: { en: 'First name', nb: 'Fornavn' },
      hint: { en: 'Required. Any text.', nb: 'Påkrevd. All tekst.' },
      kind: 'text',
      required: true,
      synonyms: ['first', 'given name', 'forename', 'fname', 'first_name', 'firstname', 'prénom', 'prenom'],
    },
    {
      header: 'Last Name',
      role: 'lastName',
      label: { en: 'Last name', nb: 'Etternavn' },
      hint: { en: 'Required. Any text.', nb: 'Påkrevd. All tekst.' },
      kind: 'text',
      required: true,
      synonyms: ['last', 'surname', 'family name', 'lname', 'last_name', 'lastname', 'nom', 'nom de famille'],
    },
    {
      header: 'Email',
      role: 'email',
      label: { en: 'Email', nb: 'E-post' },
      hint: { en: 'Email address, like name@example.com.', nb: 'E-postadresse, som navn@eksempel.no.' },
      kind: 'email',
      synonyms: ['email address', 'e-mail', 'e-mail address', 'mail', 'courriel', 'e-post', 'epost'],
    },
    {
      header: 'Mobile Phone',
      role: 'phone',
      label: { en: 'Mobile phone', nb: 'Mobiltelefon' },
      hint: {
        en: 'Mobile number, exactly 10 digits: no +1, spaces, dashes, dots or brackets. Example: 5551234567',
        nb: 'Mobilnummer, nøyaktig 10 sifre: uten +1, mellomrom, bindestrek, punktum eller parentes.',
      },
      kind: 'phone10',
      synonyms: ['mobile', 'mobile phone number', 'cell', 'cell phone', 'cellphone', 'cellulaire', 'mobil'],
    },
    {
      header: 'Home Phone',
      role: 'phone',
      label: { en: 'Home phone', nb: 'Hjemmetelefon' },
      hint: {
        en: 'Home number, exactly 10 digits: no +1, spaces, dashes, dots or brackets.',
        nb: 'Hjemmenummer, nøyaktig 10 sifre: uten +1, mellomrom, bindestrek, punktum eller parentes.',
      },
      kind: 'phone10',
      synonyms: [
        'phone',
        'home',
        'telephone',
        'phone number',
        'tel',
        'téléphone',
        'hjemmetelefon',
        'telefon',
      ],
    },
    {
      header: 'Work Phone',
      role: 'phone',
      label: { en: 'Work phone', nb: 'Jobbtelefon' },
      hint: {
        en: 'Work number, exactly 10 digits: no +1, spaces, dashes, dots or brackets.',
        nb: 'Jobbnummer, nøyaktig 10 sifre: uten +1, mellomrom, bindestrek, punktum eller parentes.',
      },
      kind: 'phone10',
      synonyms: ['business phone', 'office phone', 'work', 'bureau', 'jobbtelefon'],
    },
    {
      header: 'Address',
      label: { en: 'Street address', nb: 'Gateadresse' },
      hint: { en: 'Street and number. Any text.', nb: 'Gate og nummer. All tekst.' },
      kind: 'text',
      synonyms: ['street', 'street address', 'address 1', 'address line 1', 'adresse', 'gateadresse'],
    },
    {
      header: 'City',
      label: { en: 'City', nb: 'Sted' },
      hint: { en: 'City or town. Any text.', nb: 'By eller sted. All tekst.' },
      kind: 'text',
      synonyms: ['town', 'locality', 'ville', 'poststed', 'by', 'sted'],
    },
    {
      header: 'Province/State',
      label: { en: 'Province or state', nb: 'Provins eller delstat' },
      hint: {
        en: '2-letter Canadian province or US state code, like QC, ON or NY.',
        nb: 'Kode på 2 bokstaver for kanadisk provins eller amerikansk delstat, som QC, ON eller NY.',
      },
      kind: 'region',
      synonyms: ['province', 'state', 'state/province', 'state code', 'region', 'provins', 'delstat'],
    },
    {
      header: 'Postal Code',
      label: { en: 'Postal code', nb: 'Postnummer' },
      hint: {
        en: 'Canadian A1A 1A1 (capitals, one space) or US ZIP 12345 or 12345-6789.',
        nb: 'Kanadisk A1A 1A1 (store bokstaver, ett mellomrom) eller amerikansk ZIP 12345 eller 12345-6789.',
      },
      kind: 'postal',
      synonyms: ['zip', 'zip code', 'postcode', 'post code', 'zip/postal code', 'code postal', 'postnummer'],
    },
    {
      header: 'Language',
      label: { en: 'Language', nb: 'Språk' },
      hint: { en: 'English or French.', nb: 'English eller French (engelske ord).' },
      kind: 'choice',
      choices: [
        {
          value: 'English',
          label: { en: 'English', nb: 'Engelsk' },
          aliases: ['en', 'eng', 'anglais', 'engelsk'],
        },
        {
          value: 'French',
          label: { en: 'French', nb: 'Fransk' },
          aliases: ['fr', 'fra', 'français', 'francais', 'fransk'],
        },
      ],
      synonyms: ['preferred language', 'langue', 'språk'],
    },
    {
      header: 'Company',
      label: { en: 'Company', nb: 'Firma' },
      hint: { en: 'Company name. Any text.', nb: 'Firmanavn. All tekst.' },
      kind: 'text',
      synonyms: ['company name', 'organization', 'business', 'employer', 'entreprise', 'firma'],
    },
    {
      header: 'Vehicle of Interest',
      label: { en: 'Vehicle of interest', nb: 'Ønsket kjøretøy' },
      hint: {
        en: 'The vehicle the lead asked about. Any text.',
        nb: 'Kjøretøyet leadet spurte om. All tekst.',
      },
      kind: 'text',
      synonyms: ['vehicle', 'vehicle of interest', 'model', 'car', 'véhicule', 'bil'],
    },
    {
      header: 'Lead Source',
      label: { en: 'Lead source', nb: 'Leadkilde' },
      hint: { en: 'Where the lead came from. Any text.', nb: 'Hvor leadet kom fra. All tekst.' },
      kind: 'text',
      synonyms: ['source', 'lead source', 'origin', 'source du lead', 'kilde', 'leadkilde'],
    },
    {
      header: 'Birth Date',
      label: { en: 'Date of birth', nb: 'Fødselsdato' },
      hint: { en: 'A date as YYYY-MM-DD, like 1984-03-04.', nb: 'En dato som ÅÅÅÅ-MM-DD, som 1984-03-04.' },
      kind: 'date',
      synonyms: ['birthday', 'date of birth', 'birthdate', 'dob', 'date de naissance', 'fødselsdato'],
    },
    {
      header: 'Notes',
      label: { en: 'Notes', nb: 'Notater' },
      hint: {
        en: 'Notes on the customer card. Data from columns that have no field is kept here as [import] lines.',
        nb: 'Notater på kundekortet. Data fra kolonner uten felt beholdes her som [import]-linjer.',
      },
      kind: 'text',
      synonyms: ['note', 'comments', 'comment', 'description', 'notater', 'notat', 'kommentar'],
    },
  ],
};
