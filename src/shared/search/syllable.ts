/**
 * Vietnamese syllable grammar (onset + rhyme + tone), used to tell whether a
 * typed word is already Vietnamese or only makes sense as Telex/VNI keystrokes.
 */
import { foldKey, splitTone } from './fold';

const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'q', 'r', 's', 't', 'th', 'tr', 'v', 'x'];

/** Rhymes (vowel nucleus + final) without tone. */
const RHYMES = (
  'a ai ao au ay ac ach am an ang anh ap at ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây ' +
  'e eo ec em en eng ep et ê êu êch êm ên ênh êp êt ' +
  'i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu ' +
  'y ych ynh yt yêm yên yêng yêt yêu ' +
  'o oi oc om on ong op ot oa oai oay oac oach oam oan oang oanh oap oat oăc oăm oăn oăng oăt ' +
  'oe oeo oen oet ooc oong ô ôi ôc ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt ' +
  'u ua ui uc um un ung up ut uân uâng uât uây uê uêch uênh uơ uôc uôi uôm uôn uông uôt ' +
  'uy uya uych uyên uyêt uynh uyp uyt uyu ' +
  'ư ưa ưi ưu ưc ưm ưn ưng ưt ươc ươi ươm ươn ương ươp ươt ươu'
).split(' ');

const RHYME_SET = new Set(RHYMES);
const FOLDED_RHYMES = new Set(RHYMES.map(foldKey));
const FOLDED_ONSETS = [...new Set(ONSETS.map(foldKey))];
/** Finals after which only the rising or heavy tone is possible (các, cạc, but never cà). */
const STOP_FINAL = /(c|ch|p|t)$/;

function rhymeOk(onset: string, rhyme: string, rhymes: Set<string>): boolean {
  if (onset === 'q') return rhyme.startsWith('u') && (rhymes.has(rhyme) || rhymes.has(rhyme.slice(1)));
  return rhymes.has(rhyme);
}

/** Whether an accented (or plain) word is one well-formed Vietnamese syllable, tone included. */
export function isVietnameseSyllable(word: string): boolean {
  const split = splitTone(word);
  if (!split) return false;
  const { base, tone } = split;
  if (STOP_FINAL.test(base) && tone !== 0 && tone !== 1 && tone !== 5) return false;
  return ONSETS.some((o) => base.startsWith(o) && rhymeOk(o, base.slice(o.length), RHYME_SET));
}

/** Whether a word, read without diacritics, could be a Vietnamese syllable (tieng, viet, duoc). */
export function isFoldedSyllable(word: string): boolean {
  const w = foldKey(word);
  return FOLDED_ONSETS.some((o) => w.startsWith(o) && rhymeOk(o, w.slice(o.length), FOLDED_RHYMES));
}
