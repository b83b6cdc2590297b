/**
 * Text from the record, made safe to show — for display only: what is stored is never changed.
 *
 * Bidi controls (embeddings, overrides, isolates, marks) would let a name reverse the product's own
 * wording around it ("Consent to share with Saidha Khan dedrocer ton"); invisible characters
 * (zero-width spaces and joiners, word joiner, soft hyphen, BOM, fillers) make two different names
 * look identical; C0/C1 controls could drive a terminal. Each is shown as a visible `\u{…}` escape,
 * so the clinician sees that the record holds something unusual. Right-to-left names stay right to
 * left: the panel isolates each name (`<bdi>`) so it cannot reorder the text around it.
 *
 * @example displayText('Sara\u200bKhan') // 'Sara\\u{200b}Khan'
 */
export function displayText(value: string): string {
  return value.replace(HIDDEN, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`);
}

/**
 * What a name looks like on screen, as a key: hidden characters removed, compatibility forms
 * folded (NFKC: full-width and styled letters become plain ones), spaces collapsed. Two carers
 * with the same key look the same to a clinician, whatever their records hold.
 *
 * @example displayKey('Sara\u200b Khan') === displayKey('Sara  Khan') // true
 */
export function displayKey(name: string): string {
  return name.replace(HIDDEN, '').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** C0/C1 controls, bidi controls, and characters that draw nothing. */
const HIDDEN = new RegExp(
  [
    '[\\u0000-\\u001f\\u007f-\\u009f]', // C0 and C1 controls (ESC, BEL, CR, NEL…)
    '[\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]', // bidi marks, embeddings, overrides, isolates
    '[\\u00ad\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u200b-\\u200d\\u2060-\\u2064\\u206a-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0]', // invisible
  ].join('|'),
  'g',
);
