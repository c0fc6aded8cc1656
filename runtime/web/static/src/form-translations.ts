// Swedish texts for form-js (its `translate` service); {placeholders} are filled in by form-js.
export const SWEDISH: Record<string, string> = {
  'Add new': 'Lägg till',
  'All values selected': 'Alla värden valda',
  'Click to remove sorting': 'Klicka för att ta bort sorteringen',
  'Click to sort by {value} ascending': 'Klicka för att sortera på {value} stigande',
  'Click to sort by {value} descending': 'Klicka för att sortera på {value} fallande',
  Collapse: 'Fäll ihop',
  'Date and time must both be entered.': 'Både datum och tid måste anges.',
  Decrement: 'Minska',
  'Document reference is not defined.': 'Dokumentreferens saknas.',
  'Download {fileName}': 'Ladda ner {fileName}',
  'Expand all ({value})': 'Visa alla ({value})',
  'Field is required.': 'Fältet är obligatoriskt.',
  'Field must be a valid email.': 'Ange en giltig e-postadress.',
  'Field must be a valid international phone number. (e.g. +4930664040900)': 'Ange ett giltigt telefonnummer i internationellt format (t.ex. +46401234567).',
  'Field must have maximum length of {value}.': 'Högst {value} tecken.',
  'Field must have maximum value of {value}.': 'Värdet får vara högst {value}.',
  'Field must have minimum length of {value}.': 'Minst {value} tecken.',
  'Field must have minimum value of {value}.': 'Värdet måste vara minst {value}.',
  'Field must match pattern {value}.': 'Värdet har fel format ({value}).',
  Increment: 'Öka',
  'Max validation value is not a valid number.': 'Maxvärdet är inget giltigt tal.',
  'Min validation value is not a valid number.': 'Minvärdet är inget giltigt tal.',
  'Next page': 'Nästa sida',
  'No content to show.': 'Inget innehåll att visa.',
  'No files selected': 'Inga filer valda',
  'No results': 'Inga träffar',
  'Nothing to show.': 'Inget att visa.',
  'Please select a valid value, the two nearest valid values are {previousValue} and {nextValue}.':
    'Välj ett giltigt värde; de närmaste giltiga värdena är {previousValue} och {nextValue}.',
  'Previous page': 'Föregående sida',
  'Remove tag': 'Ta bort',
  Search: 'Sök',
  'Skip to search': 'Hoppa till sökning',
  'Unable to download document': 'Dokumentet kunde inte laddas ner',
  'Value is expected to be an integer.': 'Ange ett heltal.',
  'Value is expected to have at most 1 decimal digit.': 'Högst en decimal.',
  'Value is expected to have at most {value} decimal digits.': 'Högst {value} decimaler.',
  'Value is not a number.': 'Värdet är inget tal.',
  '{page} of {total}': '{page} av {total}',
  '{value} files selected': '{value} filer valda',
};

export function translate(template: string, replacements?: Record<string, string>): string {
  const r = replacements || {};
  return (SWEDISH[template] ?? template).replace(/{([^}]+)}/g, (_, key: string) => r[key] ?? `{${key}}`);
}
