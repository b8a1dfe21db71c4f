// Normalises the zxcvbn-ts word lists into the shipped blocklists (called by
// regenerate-blocklists.sh; arguments: <language-common dir> <language-fr dir> <output dir>).
//
// The rules mirror fr.paris.casvp.keycloak.passwordpolicy.blocklist.PasswordNormaliser
// (the Java class is the reference; ShippedBlocklistsTest fails if the two disagree):
//
//   fold:  NFKD, lower case, combining marks removed, then œ→oe æ→ae ß→ss ø→o đ→d ł→l ı→i
//   core:  keep what lies between the first and the last letter (digits, years and symbols
//          at the ends go); inside, a year (19xx/20xx, four digits alone) is removed, the leet
//          characters are read as letters (0→o 3→e 4→a 5→s $→s @→a 7→t, 1→l or i), other
//          letters and digits are kept, everything else (spaces, hyphens, dots…) is removed
//   terms: the core, once per reading of its "1"s (both l and i; with more than four 1s only
//          the two uniform readings), dropped when shorter than 4 characters
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [commonDir, frDir, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node normalise-blocklists.mjs <language-common dir> <language-fr dir> <output dir>');
  process.exit(2);
}

const MIN_LENGTH = 4;
const LEET = new Map([['0', 'o'], ['3', 'e'], ['4', 'a'], ['5', 's'], ['$', 's'], ['@', 'a'], ['7', 't']]);
const LIGATURES = new Map([['œ', 'oe'], ['æ', 'ae'], ['ß', 'ss'], ['ø', 'o'], ['đ', 'd'], ['ł', 'l'], ['ı', 'i']]);
const isLetter = (c) => /^\p{L}$/u.test(c);
const isDigit = (c) => /^\p{Nd}$/u.test(c);
const isAsciiDigit = (c) => c !== undefined && c >= '0' && c <= '9';

function fold(text) {
  const decomposed = text.normalize('NFKD').toLowerCase().normalize('NFKD');
  let out = '';
  for (const c of decomposed) {
    if (/^\p{M}$/u.test(c)) continue;
    out += LIGATURES.get(c) ?? c;
  }
  return out;
}

function isYearAt(cps, k) {
  return k + 4 <= cps.length
      && (cps[k] === '1' && cps[k + 1] === '9' || cps[k] === '2' && cps[k + 1] === '0')
      && isAsciiDigit(cps[k + 2]) && isAsciiDigit(cps[k + 3])
      && !isAsciiDigit(cps[k - 1]) && !isAsciiDigit(cps[k + 4]);
}

function core(text) {
  const cps = Array.from(fold(text));
  let first = 0;
  while (first < cps.length && !isLetter(cps[first])) first++;
  let last = cps.length - 1;
  while (last >= first && !isLetter(cps[last])) last--;
  let out = '';
  for (let k = first; k <= last; k++) {
    if (isYearAt(cps, k)) {
      k += 3;
      continue;
    }
    const c = cps[k];
    if (c === '1') out += '1';
    else if (LEET.has(c)) out += LEET.get(c);
    else if (isLetter(c) || isDigit(c)) out += c;
  }
  return out;
}

function terms(line) {
  const c = core(line);
  if (Array.from(c).length < MIN_LENGTH) return [];
  const ones = Array.from(c).filter((x) => x === '1').length;
  if (ones === 0) return [c];
  if (ones > 4) return [c.replaceAll('1', 'l'), c.replaceAll('1', 'i')];
  let readings = [''];
  for (const x of c) {
    readings = x === '1' ? readings.flatMap((r) => [r + 'l', r + 'i']) : readings.map((r) => r + x);
  }
  return readings;
}

// Code-point order, as the Java loader sorts.
function compareCodePoints(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

const readJson = (dir, file) => JSON.parse(fs.readFileSync(path.join(dir, 'src', file), 'utf8'));
const version = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;

const sequences = readJson(frDir, 'wordSequences.json');
const lists = {
  common: { sources: ['@zxcvbn-ts/language-common/src/passwords.json'], entries: readJson(commonDir, 'passwords.json') },
  french: {
    sources: ['@zxcvbn-ts/language-fr/src/commonWords.json', '@zxcvbn-ts/language-fr/src/wordSequences.json'],
    entries: [...readJson(frDir, 'commonWords.json'), ...Object.values(sequences).flat()],
  },
  names: {
    sources: ['@zxcvbn-ts/language-fr/src/firstnames.json', '@zxcvbn-ts/language-fr/src/lastnames.json'],
    entries: [...readJson(frDir, 'firstnames.json'), ...readJson(frDir, 'lastnames.json')],
  },
};

const counts = [];
for (const [name, list] of Object.entries(lists)) {
  const set = new Set();
  for (const entry of list.entries) {
    for (const t of terms(String(entry))) set.add(t);
  }
  const sorted = [...set].sort(compareCodePoints);
  const text = sorted.join('\n') + '\n';
  // gzip without a timestamp and with a fixed level: same input, same bytes.
  fs.writeFileSync(path.join(outDir, `${name}.txt.gz`), zlib.gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
  counts.push({ name, entries: list.entries.length, terms: sorted.length, sources: list.sources });
  console.log(`${name}: ${list.entries.length} entries -> ${sorted.length} terms`);
}

const licence = (dir) => fs.readFileSync(path.join(dir, 'LICENSE.txt'), 'utf8').trim();
const frNotice = fs.readFileSync(path.join(frDir, 'NOTICE.md'), 'utf8').trim();
const notice = `Word lists of the casvp-blocklist password policy
=================================================

Generated by password-policy/data/regenerate-blocklists.sh from:

  @zxcvbn-ts/language-common ${version(commonDir)} (npm, MIT licence)
  @zxcvbn-ts/language-fr     ${version(frDir)} (npm, MIT licence; commonWords.json derived
                              from OpenSubtitles 2024 via OPUS, ODC-BY licence)

${counts.map((c) => `  ${c.name}.txt.gz: ${c.terms} normalised terms from ${c.entries} entries of\n    ${c.sources.join('\n    ')}`).join('\n')}

organisation.txt is maintained by hand by the CASVP bundle maintainers.

Each line is a term in the normal form of the policy (see the script for the rules).

--- @zxcvbn-ts/language-common licence (MIT) ---
${licence(commonDir)}

--- @zxcvbn-ts/language-fr licence (MIT) ---
${licence(frDir)}

--- @zxcvbn-ts/language-fr NOTICE (commonWords.json, ODC-BY attribution) ---
${frNotice}
`;
fs.writeFileSync(path.join(outDir, 'NOTICE.txt'), notice);
